/// Reads a value back from the text `PackedEncoder` wrote, in the order it was written.
///
/// The bundled dataset is compiled into the binary in this form, so that a start reads it in a
/// fraction of a millisecond instead of parsing YAML: no keys, no nesting to match, one pass.
/// The text is the program's own, but it is still checked: a value that does not read gives a
/// `DecodingError` at its offset, never a crash.
public enum PackedDecoder {
    /// Decodes from a string literal compiled into the binary, without copying it.
    public static func decode<T: Decodable>(_ type: T.Type, from text: StaticString) throws -> T {
        guard text.hasPointerRepresentation else { return try decode(type, from: Array(text.description.utf8)) }
        return try text.withUTF8Buffer { buffer in Result { try read(type, from: buffer) } }.get()
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBufferPointer { try read(type, from: $0) }
    }

    private static func read<T: Decodable>(_ type: T.Type, from bytes: UnsafeBufferPointer<UInt8>) throws -> T {
        let reader = PackedReader(bytes)
        let value = try T(from: reader)
        guard reader.offset == bytes.count else { throw reader.corrupt("\(bytes.count - reader.offset) bytes left over") }
        return value
    }
}

/// The cursor every container of one decoding shares: the values come in order, so a
/// container only says what to read next.
final class PackedReader: Decoder {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(PackedKeyedReader<Key>(reader: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { PackedListReader(reader: self, count: try count()) }

    func singleValueContainer() -> any SingleValueDecodingContainer { PackedValueReader(reader: self) }

    func corrupt(_ what: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "packed data at byte \(offset): \(what)"))
    }

    /// A nil is `~`, which no value starts with; anything else is left for the value.
    func isNil() -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "~") else { return false }
        offset += 1
        return true
    }

    /// The digits up to `end`, as a number.
    private func digits(until end: UInt8) throws -> Int {
        var value = 0
        var any = false
        while offset < bytes.count, bytes[offset] != end {
            let digit = Int(bytes[offset]) - 48
            guard (0...9).contains(digit), value <= (Int.max - digit) / 10 else { throw corrupt("expected a length") }
            value = value * 10 + digit
            any = true
            offset += 1
        }
        guard any, offset < bytes.count else { throw corrupt("expected a length") }
        offset += 1
        return value
    }

    func count() throws -> Int { try digits(until: UInt8(ascii: "[")) }

    func string() throws -> String {
        let length = try digits(until: UInt8(ascii: ":"))
        guard length <= bytes.count - offset else { throw corrupt("a text runs past the end") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        offset += length
        return text
    }

    /// A number's text, up to its `;`.
    private func numeral() throws -> Substring {
        let start = offset
        while offset < bytes.count, bytes[offset] != UInt8(ascii: ";") { offset += 1 }
        guard offset < bytes.count, offset > start else { throw corrupt("expected a number") }
        offset += 1
        return Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset - 1]), as: UTF8.self)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let value = T(try numeral()) else { throw corrupt("not a whole number of type \(T.self)") }
        return value
    }

    func double() throws -> Double {
        guard let value = Double(try numeral()) else { throw corrupt("not a number") }
        return value
    }

    func bool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "T") || bytes[offset] == UInt8(ascii: "F") else {
            throw corrupt("expected T or F")
        }
        offset += 1
        return bytes[offset - 1] == UInt8(ascii: "T")
    }

    func value<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return try string() as! T
        case is Double.Type: return try double() as! T
        case is Int.Type: return try integer(Int.self) as! T
        case is Int64.Type: return try integer(Int64.self) as! T
        case is Bool.Type: return try bool() as! T
        default: return try T(from: self)
        }
    }
}

/// A struct's fields, read in the order they were written; keys are not stored.
struct PackedKeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: PackedReader
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { reader.isNil() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.string() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.double() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try reader.double()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.value(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) -> KeyedDecodingContainer<NestedKey> {
        reader.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try reader.unkeyedContainer() }
    func superDecoder() -> any Decoder { reader }
    func superDecoder(forKey key: Key) -> any Decoder { reader }
}

/// An array: its count, then its elements.
struct PackedListReader: UnkeyedDecodingContainer {
    let reader: PackedReader
    let count: Int?
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= count ?? 0 }

    init(reader: PackedReader, count: Int) {
        self.reader = reader
        self.count = count
    }

    private mutating func next<T>(_ read: (PackedReader) throws -> T) throws -> T {
        guard !isAtEnd else { throw reader.corrupt("read past the end of a list") }
        currentIndex += 1
        return try read(reader)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, reader.isNil() else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.bool() } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.string() } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.double() } }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try next { try $0.double() }) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.integer(type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next { try $0.value(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next { try $0.unkeyedContainer() } }
    mutating func superDecoder() throws -> any Decoder { try next { $0 } }
}

/// One value: what `Day`, `HKD` and the raw-value enums read themselves from.
struct PackedValueReader: SingleValueDecodingContainer {
    let reader: PackedReader
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { reader.isNil() }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool() }
    func decode(_ type: String.Type) throws -> String { try reader.string() }
    func decode(_ type: Double.Type) throws -> Double { try reader.double() }
    func decode(_ type: Float.Type) throws -> Float { Float(try reader.double()) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.value(type) }
}
