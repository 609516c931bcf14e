import HetaoDomain
import YAMLDiagnostics
import Yams

/// The rules that span entities: unique ids, resolvable references, budget roll-ups that fit
/// their parent, and dates in order.
struct ProgrammeChecks {
    let decoder: ProgrammeDecoder

    func run(on programme: Programme) {
        checkDuplicates()
        checkReferences()
        for allocation in programme.allocations { checkRollUp(allocation) }
        for building in programme.buildings { checkDates(of: building, asOf: programme.asOf) }
        for milestone in programme.milestones {
            if let actual = milestone.dates.actual, actual.day > programme.asOf {
                report(at: decoder.milestoneMarks[milestone.id],
                       "milestone '\(milestone.id)' has an actual date \(actual.display) after the dataset's as_of \(programme.asOf.iso)")
            }
        }
        checkSourcesPrecedeNothing(programme)
    }

    /// A source can report only what had happened when it was published: an actual date later
    /// than the source it cites is a wrong citation (or a wrong date).
    private func checkSourcesPrecedeNothing(_ programme: Programme) {
        let published = Dictionary(programme.sources.compactMap { source in source.date.map { (source.id, $0.lastDay) } },
                                   uniquingKeysWith: { first, _ in first })
        func check(_ actual: DatedValue?, _ what: String, at mark: Yams.Mark?) {
            guard let actual, let sourceDay = published[actual.sourceID], actual.day > sourceDay else { return }
            report(at: mark, "\(what) has an actual date \(actual.display) after its source '\(actual.sourceID)' "
                   + "was published (\(sourceDay.iso)): a source cannot report what had not yet happened")
        }
        for milestone in programme.milestones {
            check(milestone.dates.actual, "milestone '\(milestone.id)'", at: decoder.milestoneMarks[milestone.id])
        }
        for building in programme.buildings {
            for (name, plan) in [("start", building.start), ("topping_out", building.toppingOut), ("completion", building.completion)] {
                check(plan.actual, "building '\(building.id)' \(name)", at: decoder.buildingMarks[building.id])
            }
        }
    }

    private var diagnostics: Diagnostics { decoder.diagnostics }

    private func report(at mark: Yams.Mark?, _ message: String) { diagnostics.report(at: mark, message) }

    private func checkDuplicates() {
        var first: [String: Yams.Mark?] = [:]
        for definition in decoder.definitions {
            let key = definition.kind + "\u{0}" + definition.id
            if let earlier = first[key] {
                let line = earlier.map { " (first defined on line \($0.line))" } ?? ""
                report(at: definition.mark, "duplicate \(definition.kind) id '\(definition.id)'\(line)")
            } else {
                first[key] = definition.mark
            }
        }
    }

    private func checkReferences() {
        var known: [String: Set<String>] = [:]
        for definition in decoder.definitions { known[definition.kind, default: []].insert(definition.id) }
        known["batch or building"] = (known["batch"] ?? []).union(known["building"] ?? [])
        for reference in decoder.references where !(known[reference.kind] ?? []).contains(reference.id) {
            let hint = Suggestion.closest(to: reference.id, in: (known[reference.kind] ?? []).sorted())
                .map { "; did you mean '\($0)'?" } ?? ""
            report(at: reference.mark, "no \(reference.kind) '\(reference.id)'\(hint)")
        }
    }

    private func checkRollUp(_ allocation: Allocation) {
        let mark = decoder.allocationMarks[allocation.id]
        if !allocation.children.isEmpty && allocation.allocatedToChildren > allocation.amount {
            report(at: mark, "sub-allocations of '\(allocation.id)' add up to \(allocation.allocatedToChildren.formatted), "
                   + "more than its \(allocation.amount.formatted)")
        }
        for (label, value) in [("committed", allocation.committed), ("spent", allocation.spent)]
        where allocation.amount >= .zero {
            if let value, value.value > allocation.amount {
                report(at: mark, "\(label) \(value.value.formatted) of '\(allocation.id)' exceeds its \(allocation.amount.formatted)")
            }
        }
        allocation.children.forEach(checkRollUp)
    }

    private func checkDates(of building: Building, asOf: Day) {
        let mark = decoder.buildingMarks[building.id]
        let events = [("start", building.start), ("topping_out", building.toppingOut), ("completion", building.completion)]
        for kind in ["baseline", "forecast", "actual"] {
            let dated = events.compactMap { name, plan -> (String, DatedValue)? in
                let value: DatedValue? = kind == "baseline" ? plan.baseline : kind == "forecast" ? plan.forecast : plan.actual
                return value.map { (name, $0) }
            }
            for (i, later) in dated.enumerated() {
                for earlier in dated[..<i] where later.1.day < earlier.1.day {
                    report(at: mark, "building '\(building.id)': \(kind) \(later.0) \(later.1.display) "
                           + "is before \(kind) \(earlier.0) \(earlier.1.display)")
                }
            }
        }
        for (name, plan) in events {
            if let actual = plan.actual, actual.day > asOf {
                report(at: mark, "building '\(building.id)': actual \(name) \(actual.display) is after the dataset's as_of \(asOf.iso)")
            }
        }
    }
}
