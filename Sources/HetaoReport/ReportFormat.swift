/// The output formats of `hetao report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, markdown = "md", json, csv
}
