import HetaoDomain

/// How much attention a value asks for. Panes map it to colour and always also to text.
public enum Severity: Sendable, Hashable {
    case normal, good, warning, bad, muted
}

extension Severity {
    /// How a building's lateness looks, in the table and its detail alike.
    public init(_ lateness: Lateness) {
        switch lateness {
        case .unknown: self = .muted
        case .onTime: self = .good
        case .late: self = .warning
        case .veryLate: self = .bad
        }
    }
}
