/// One of Hong Kong's three innovation parks ("Central and South" layout).
public struct InnovationPark: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var nameZH: String
    /// The full official Chinese name, where the short one is what people use.
    public var fullNameZH: String?
    public var location: String
    public var role: String
    public var sourceID: String
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()

    public init(id: String, name: String, nameZH: String, location: String, role: String,
                sourceID: String, fullNameZH: String? = nil) {
        self.id = id
        self.fullNameZH = fullNameZH
        self.name = name
        self.nameZH = nameZH
        self.location = location
        self.role = role
        self.sourceID = sourceID
    }
}

/// A headline figure about the park (site area, floor area, cost estimate), with its unit and
/// source. Where sources disagree the dataset holds one figure per source under the same label.
public struct Figure: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var label: String
    public var value: Double
    public var unit: String
    public var note: String?
    public var sourceID: String
    /// Chinese text of the English fields, where the dataset gives it.
    public var chinese = ChineseText()

    public init(id: String, label: String, value: Double, unit: String, note: String? = nil,
                sourceID: String) {
        self.id = id
        self.label = label
        self.value = value
        self.unit = unit
        self.note = note
        self.sourceID = sourceID
    }
}
