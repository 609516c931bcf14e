import HetaoDomain
import HetaoText

/// The dashboard's panes, in the order of their number keys.
public enum Pane: Int, CaseIterable, Sendable {
    case overview = 1, phases, buildings, budget, institutions, schedule

    public var title: Phrase {
        switch self {
        case .overview: return .paneOverview
        case .phases: return .panePhases
        case .buildings: return .paneBuildings
        case .budget: return .paneBudget
        case .institutions: return .paneInstitutions
        case .schedule: return .paneSchedule
        }
    }

    /// The pane's name in the config file and on the command line.
    public var name: String {
        switch self {
        case .overview: return "overview"
        case .phases: return "phases"
        case .buildings: return "buildings"
        case .budget: return "budget"
        case .institutions: return "institutions"
        case .schedule: return "schedule"
        }
    }

    /// The pane a config file or the command line names, by name or by number.
    public init?(named text: String) {
        guard let pane = Pane.allCases.first(where: { $0.name == text || String($0.rawValue) == text }) else { return nil }
        self = pane
    }

    public var next: Pane { Pane(rawValue: rawValue % Pane.allCases.count + 1)! }
    public var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1)! }
}
