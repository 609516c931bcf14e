/// How far a figure can be trusted. `illustrative` marks values that are not published and
/// exist only so the dashboard has something to show; every output must make them visible.
public enum Confidence: String, CaseIterable, Sendable, Codable, Comparable {
    case high, medium, low, illustrative

    private var rank: Int {
        switch self {
        case .high: return 0
        case .medium: return 1
        case .low: return 2
        case .illustrative: return 3
        }
    }

    public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
}

/// A published document (or the illustrative placeholder) that figures point to.
public struct Source: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var title: String
    public var publisher: String
    /// Publication date at the precision known (for a web page without one, when it was read).
    public var date: DatedValue?
    public var url: String?
    public var confidence: Confidence
    /// The document's own reference, where it has one: `FCR(2020-21)87`, `LC Paper No. …`.
    public var reference: String?
    /// True when `date` is when a page without a date was read: what it says was public before,
    /// from a day not known, so time travel counts it known throughout.
    public var isReadDate = false

    public init(id: String, title: String, publisher: String, date: DatedValue?, url: String?,
                confidence: Confidence, reference: String? = nil) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.date = date
        self.url = url
        self.confidence = confidence
        self.reference = reference
    }

    /// Source ids in the order given, each once: an entry's citations, primary first.
    public static func distinct(_ ids: [String?]) -> [String] {
        var seen = Set<String>()
        return ids.compactMap { $0 }.filter { seen.insert($0).inserted }
    }
}

/// A value and the source it comes from.
public struct Sourced<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var sourceID: String

    public init(_ value: Value, source sourceID: String) {
        self.value = value
        self.sourceID = sourceID
    }
}

extension Sourced: Codable where Value: Codable {}
