/// Decodes files that must be UTF-8, locating the first byte that is not, so the message can
/// say where.
public enum UTF8Text {
    public struct InvalidByte: Error, Hashable, Sendable {
        public var line: Int
        public var column: Int
    }

    public static func decode(_ bytes: some Collection<UInt8>) throws(InvalidByte) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1, column = 1
        var scalars = String.UnicodeScalarView()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                scalars.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .error:
                throw InvalidByte(line: line, column: column)
            case .emptyInput:
                return String(scalars)
            }
        }
    }
}
