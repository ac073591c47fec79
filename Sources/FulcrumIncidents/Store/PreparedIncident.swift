/// An incident with its list columns encoded and its content fingerprint computed once, off the
/// single writer thread (see `ParallelMap`): encoding the lists twice per row, once for the
/// fingerprint and once for the INSERT, was a measurable share of a 100,000-row import.
struct PreparedIncident: Sendable {
    var incident: Incident
    var sourceURLs: String
    var deployers: String
    var developers: String
    var harmedParties: String
    var systems: String
    var hash: String

    init(_ i: Incident) {
        incident = i
        sourceURLs = StoredLists.encode(i.sourceURLs)
        deployers = StoredLists.encode(i.deployers)
        developers = StoredLists.encode(i.developers)
        harmedParties = StoredLists.encode(i.harmedParties)
        systems = StoredLists.encode(i.systems)
        // Same parts, same order as every earlier release: stored fingerprints stay comparable.
        hash = StoredLists.fingerprint([i.origin, i.originID, i.title, i.date ?? "\u{0}", i.description, i.reportText,
                                        sourceURLs, deployers, developers, harmedParties, systems,
                                        i.modality?.rawValue ?? "\u{0}", i.duplicateOf ?? "\u{0}"])
    }
}
