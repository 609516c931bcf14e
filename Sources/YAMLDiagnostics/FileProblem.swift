/// One problem found in a file (a dataset, a config file), located the way compilers and
/// editors expect.
public struct FileProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
