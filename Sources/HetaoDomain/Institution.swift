/// What kind of body or programme an institution entry is.
public enum InstitutionKind: String, CaseIterable, Sendable, Codable {
    case institute, programme
    case pilotLine = "pilot-line"
}

/// A research institution or programme of the "five major R&D institutions" system.
public struct Institution: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var kind: InstitutionKind
    public var field: String
    public var status: String
    /// The source that states `status`, when a later one than the entry's own: before it was
    /// published, `earlierStatus` is what the public record said.
    public var statusSourceID: String?
    public var earlierStatus: String?
    public var established: DatedValue?
    public var location: String?
    /// The budget allocation that funds it, when there is one in the dataset.
    public var allocationID: String?
    public var isFiveMajor: Bool
    public var note: String?
    public var sourceID: String
    /// Other sources consulted (corroborating or disagreeing); the note says how.
    public var otherSourceIDs: [String] = []
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()

    public init(id: String, name: String, kind: InstitutionKind, field: String, status: String,
                established: DatedValue?, location: String?, allocationID: String?,
                isFiveMajor: Bool, note: String?, sourceID: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.field = field
        self.status = status
        self.established = established
        self.location = location
        self.allocationID = allocationID
        self.isFiveMajor = isFiveMajor
        self.note = note
        self.sourceID = sourceID
    }

    /// The sources it cites: its own, the one that states its status, then the others consulted.
    public var sourceIDs: [String] { Source.distinct([sourceID, statusSourceID] + otherSourceIDs) }
}
