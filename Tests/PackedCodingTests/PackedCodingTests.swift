import PackedCoding
import Testing

private enum Colour: String, Codable, Equatable { case red, green }

private struct Inner: Codable, Equatable {
    var name: String
    var note: String?
    var amount: Int64
}

private struct Outer: Codable, Equatable {
    var title: String
    var share: Double
    var count: Int
    var flag: Bool
    var colour: Colour
    var missing: Inner?
    var present: Inner?
    var inners: [Inner]
    var nested: [[Int?]]
    var empty: [String]
    var fraction: Float
}

@Suite struct PackedCodingTests {
    private let sample = Outer(
        title: "河套 \"Hetao\"\nline two \\ tab\t€ 🏗", share: 0.1, count: -42, flag: true, colour: .green, missing: nil,
        present: Inner(name: "", note: "12:34;[~", amount: Int64.min),
        inners: [Inner(name: "a", note: nil, amount: 1), Inner(name: "b", note: "~", amount: -1)],
        nested: [[1, nil, 3], [], [nil]], empty: [], fraction: 0.25)

    @Test func aValueReadsBackAsItWasWritten() throws {
        let text = try PackedEncoder.encode(sample)
        #expect(try PackedDecoder.decode(Outer.self, from: Array(text.utf8)) == sample)
    }

    @Test func numbersKeepEveryDigit() throws {
        let values = [0.1, 1e-7, 123_456_789.123_456_78, -0.0, 5e300, Double.leastNonzeroMagnitude]
        let text = try PackedEncoder.encode(values)
        let read = try PackedDecoder.decode([Double].self, from: Array(text.utf8))
        #expect(read.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func aStringLiteralReadsWithoutACopy() throws {
        let text: StaticString = "2[3:abc2:河"
        #expect(throws: DecodingError.self) { try PackedDecoder.decode([String].self, from: text) }
        let whole: StaticString = "2[3:abc3:河"
        #expect(try PackedDecoder.decode([String].self, from: whole) == ["abc", "河"])
    }

    @Test func aDictionaryIsRefusedForItsOrder() {
        #expect(throws: EncodingError.self) { try PackedEncoder.encode(["b": 1, "a": 2]) }
    }

    @Test func damagedTextIsAnErrorNotACrash() throws {
        let text = Array(try PackedEncoder.encode(sample).utf8)
        // Every cut short, and a few bytes changed, must throw rather than trap.
        for length in stride(from: 0, to: text.count, by: 3) {
            #expect(throws: DecodingError.self) { try PackedDecoder.decode(Outer.self, from: Array(text[..<length])) }
        }
        #expect(throws: DecodingError.self) { try PackedDecoder.decode(Outer.self, from: text + Array("x".utf8)) }
        #expect(throws: DecodingError.self) { try PackedDecoder.decode(Int.self, from: Array("99999999999999999999;".utf8)) }
        #expect(throws: DecodingError.self) { try PackedDecoder.decode(String.self, from: Array("999999999999999999999:".utf8)) }
        #expect(throws: DecodingError.self) { try PackedDecoder.decode([Int].self, from: Array("5[1;2;".utf8)) }
    }
}
