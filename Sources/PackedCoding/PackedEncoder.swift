/// Writes a value as packed text, which `PackedDecoder` reads back in one pass.
///
/// The form: a text is its UTF-8 length, `:`, and its bytes; a number its decimal digits and
/// `;`; a Boolean `T` or `F`; nil `~`; an array its count, `[`, and its elements; a struct its
/// fields in declaration order, without keys. It is valid UTF-8, so it can be compiled into a
/// binary as a string literal. It holds only what has an order: a dictionary is refused, since
/// its order would differ from build to build (give such a type its own ordered `Codable`).
public enum PackedEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let writer = PackedWriter()
        try writer.write(value)
        var text = ""
        writer.root.append(to: &text)
        return text
    }
}

/// What has been written at one level: texts, and arrays with their elements' count.
final class PackedSink {
    enum Part {
        case text(String)
        case list(PackedSink)
    }

    var parts: [Part] = []
    /// The number of elements, when this is an array's.
    var elements = 0

    func append(to text: inout String) {
        for part in parts {
            switch part {
            case .text(let piece): text += piece
            case .list(let list):
                text += "\(list.elements)["
                list.append(to: &text)
            }
        }
    }
}

final class PackedWriter: Encoder {
    let root = PackedSink()
    var sink: PackedSink
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init() { sink = root }

    private init(sink: PackedSink) { self.sink = sink }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(PackedKeyedWriter<Key>(writer: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let list = PackedSink()
        sink.parts.append(.list(list))
        return PackedListWriter(writer: PackedWriter(sink: list))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { PackedValueWriter(writer: self) }

    func text(_ piece: String) { sink.parts.append(.text(piece)) }
    func string(_ value: String) { text("\(value.utf8.count):" + value) }
    func number(_ value: some CustomStringConvertible) { text("\(value);") }
    func bool(_ value: Bool) { text(value ? "T" : "F") }
    func null() { text("~") }

    func write<T: Encodable>(_ value: T) throws {
        switch value {
        case let value as String: string(value)
        case let value as Bool: bool(value)
        case let value as Double: try double(value)
        default: try value.encode(to: self)
        }
    }

    func double(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) has no packed form"))
        }
        number(value)
    }
}

struct PackedKeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: PackedWriter
    var codingPath: [any CodingKey] { [] }

    /// A dictionary's keys come through here as values, in no set order.
    private func ordered() throws {
        if "\(Key.self)".contains("DictionaryCodingKey") {
            throw EncodingError.invalidValue(Key.self, .init(codingPath: [], debugDescription: "a dictionary has no packed form"))
        }
    }

    mutating func encodeNil(forKey key: Key) throws { writer.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try ordered(); writer.bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try ordered(); writer.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try ordered(); try writer.double(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try ordered(); try writer.double(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try ordered(); writer.number(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try ordered(); try writer.write(value) }

    // A missing optional must leave its `~`: the reader knows fields by their place.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { writer.null() }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { writer.unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { writer }
    mutating func superEncoder(forKey key: Key) -> any Encoder { writer }
}

/// An array's elements, counted as they come.
struct PackedListWriter: UnkeyedEncodingContainer {
    let writer: PackedWriter
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.sink.elements }

    private func element() { writer.sink.elements += 1 }

    mutating func encodeNil() throws { element(); writer.null() }
    mutating func encode(_ value: Bool) throws { element(); writer.bool(value) }
    mutating func encode(_ value: String) throws { element(); writer.string(value) }
    mutating func encode(_ value: Double) throws { element(); try writer.double(value) }
    mutating func encode(_ value: Float) throws { element(); try writer.double(Double(value)) }
    mutating func encode(_ value: Int) throws { element(); writer.number(value) }
    mutating func encode(_ value: Int8) throws { element(); writer.number(value) }
    mutating func encode(_ value: Int16) throws { element(); writer.number(value) }
    mutating func encode(_ value: Int32) throws { element(); writer.number(value) }
    mutating func encode(_ value: Int64) throws { element(); writer.number(value) }
    mutating func encode(_ value: UInt) throws { element(); writer.number(value) }
    mutating func encode(_ value: UInt8) throws { element(); writer.number(value) }
    mutating func encode(_ value: UInt16) throws { element(); writer.number(value) }
    mutating func encode(_ value: UInt32) throws { element(); writer.number(value) }
    mutating func encode(_ value: UInt64) throws { element(); writer.number(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { element(); try writer.write(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        element()
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        element()
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        element()
        return writer
    }
}

struct PackedValueWriter: SingleValueEncodingContainer {
    let writer: PackedWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.null() }
    mutating func encode(_ value: Bool) throws { writer.bool(value) }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode(_ value: Double) throws { try writer.double(value) }
    mutating func encode(_ value: Float) throws { try writer.double(Double(value)) }
    mutating func encode(_ value: Int) throws { writer.number(value) }
    mutating func encode(_ value: Int8) throws { writer.number(value) }
    mutating func encode(_ value: Int16) throws { writer.number(value) }
    mutating func encode(_ value: Int32) throws { writer.number(value) }
    mutating func encode(_ value: Int64) throws { writer.number(value) }
    mutating func encode(_ value: UInt) throws { writer.number(value) }
    mutating func encode(_ value: UInt8) throws { writer.number(value) }
    mutating func encode(_ value: UInt16) throws { writer.number(value) }
    mutating func encode(_ value: UInt32) throws { writer.number(value) }
    mutating func encode(_ value: UInt64) throws { writer.number(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.write(value) }
}
