/// The Chinese text of an entity's English fields, by the dataset's field name (`name`, `note`,
/// `summary` …), from the `name_zh`, `note_zh` … fields beside them. A field without one is
/// shown in English in Chinese too.
public struct ChineseText: Hashable, Sendable {
    public var fields: [String: String]

    public init(_ fields: [String: String] = [:]) { self.fields = fields }

    public subscript(_ field: String) -> String? { fields[field] }
}
