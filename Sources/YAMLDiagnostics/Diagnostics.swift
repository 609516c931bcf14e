import Yams

/// Collects problems for one file, in the order found.
public final class Diagnostics {
    public let file: String
    public private(set) var problems: [FileProblem] = []

    public init(file: String) { self.file = file }

    public func report(at mark: Yams.Mark?, _ message: String) {
        problems.append(FileProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                       message: message))
    }

    public func report(line: Int, column: Int, _ message: String) {
        problems.append(FileProblem(file: file, line: line, column: column, message: message))
    }
}
