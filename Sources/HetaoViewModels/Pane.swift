/// The dashboard's panes, in the order of their number keys.
public enum Pane: Int, CaseIterable, Sendable {
    case overview = 1, phases, buildings, budget, institutions

    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .phases: return "Phases"
        case .buildings: return "Buildings"
        case .budget: return "Budget"
        case .institutions: return "Institutions"
        }
    }

    public var next: Pane { Pane(rawValue: rawValue % Pane.allCases.count + 1)! }
    public var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1)! }
}

/// How much attention a value asks for. Panes map it to colour and always also to text.
public enum Severity: Sendable, Hashable {
    case normal, good, warning, bad, muted
}
