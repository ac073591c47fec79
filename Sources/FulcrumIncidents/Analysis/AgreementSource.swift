/// Whose codes an agreement analysis compares: human codings made in Fulcrum, or the AIID's CSETv1
/// annotator tables (each table one coder).
public enum AgreementSource: String, Sendable, CaseIterable {
    case human, cset

    /// Per-field agreement of this source's coders (only `fields` when given); empty when the store
    /// holds no codes of this source.
    public func agreement(in store: IncidentStore, fields: [String]? = nil,
                          analysis: AgreementAnalysis = AgreementAnalysis()) throws -> [FieldAgreement] {
        let data = self == .cset ? try CSETAgreement.data(from: store, fields: fields) : try HumanCodingAgreement.data(from: store, fields: fields)
        return data.map(analysis.analyse)
    }
}
