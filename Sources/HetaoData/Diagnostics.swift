import Yams

/// Collects problems for one file, in the order found.
final class Diagnostics {
    let file: String
    private(set) var problems: [DatasetProblem] = []

    init(file: String) { self.file = file }

    func report(at mark: Yams.Mark?, _ message: String) {
        problems.append(DatasetProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                       message: message))
    }

    func report(line: Int, column: Int, _ message: String) {
        problems.append(DatasetProblem(file: file, line: line, column: column, message: message))
    }
}
