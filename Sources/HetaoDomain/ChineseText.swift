/// The Chinese text of an entity's English fields, by the dataset's field name (`name`, `note`,
/// `summary` …), from the `name_zh`, `note_zh` … fields beside them. A field without one is
/// shown in English in Chinese too.
public struct ChineseText: Hashable, Sendable {
    public var fields: [String: String]

    public init(_ fields: [String: String] = [:]) { self.fields = fields }

    public subscript(_ field: String) -> String? { fields[field] }
}

/// Written as field–text pairs in the fields' order, so that a compiled copy is the same at
/// every build.
extension ChineseText: Codable {
    public init(from decoder: any Decoder) throws {
        var pairs = try decoder.unkeyedContainer()
        var fields: [String: String] = [:]
        while !pairs.isAtEnd {
            let field = try pairs.decode(String.self)
            fields[field] = try pairs.decode(String.self)
        }
        self.init(fields)
    }

    public func encode(to encoder: any Encoder) throws {
        var pairs = encoder.unkeyedContainer()
        for (field, text) in fields.sorted(by: { $0.key < $1.key }) {
            try pairs.encode(field)
            try pairs.encode(text)
        }
    }
}
