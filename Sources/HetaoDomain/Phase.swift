/// A development phase of the Hetao park; phases run west to east in `order`.
public struct Phase: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var order: Int
    public var summary: String
    /// The source that states `summary`, when a later one than the phase's own: before it was
    /// published, `earlierSummary` is what the public record said.
    public var summarySourceID: String?
    public var earlierSummary: String?
    /// Planned gross floor area in m²; the completion scope when batches do not cover it all.
    public var floorArea: Sourced<Double>?
    public var target: DatedValue?
    public var sourceID: String
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()

    public init(id: String, name: String, order: Int, summary: String,
                floorArea: Sourced<Double>?, target: DatedValue?, sourceID: String) {
        self.id = id
        self.name = name
        self.order = order
        self.summary = summary
        self.floorArea = floorArea
        self.target = target
        self.sourceID = sourceID
    }
}

/// A batch of sites within a phase, delivered by one route (built by HSITPL, or public-private).
public struct Batch: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var phaseID: String
    public var name: String
    public var delivery: String
    public var sites: Int?
    /// Declared gross floor area in m²; the completion scope when it exceeds the buildings' sum.
    public var floorArea: Sourced<Double>?
    public var sourceID: String
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()

    public init(id: String, phaseID: String, name: String, delivery: String, sites: Int?,
                floorArea: Sourced<Double>?, sourceID: String) {
        self.id = id
        self.phaseID = phaseID
        self.name = name
        self.delivery = delivery
        self.sites = sites
        self.floorArea = floorArea
        self.sourceID = sourceID
    }
}
