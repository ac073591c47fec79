extension IncidentStore {
    /// One incident with its human codings, machine suggestions (kept apart) and foreign codes:
    /// what `incidents show` prints and an export line holds.
    public func record(id: String) throws -> IncidentExport.Record {
        guard let incident = try incident(id: id) else { throw IncidentError.unknownIncident(id) }
        return IncidentExport.Record(incident: incident, codings: try codings(incidentID: id, origin: .human),
                                     suggestions: try codings(incidentID: id, origin: .machine), foreignCodes: try foreignCodes(incidentID: id))
    }
}
