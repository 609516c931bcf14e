import HetaoDomain
import HetaoText

/// An allocation's detail: amount, status, share of its parent, what is sub-allocated,
/// committed and spent with who reported it, its earned value where it funds construction, its
/// recorded spend and sources.
struct AllocationDetail {
    let model: DetailViewModel

    init?(_ id: String, writer w: DetailWriter) {
        guard let a = w.programme.allocation(id) else { return nil }
        let (p, t, live) = (w.programme, w.texts, w.live)
        var lines: [DetailViewModel.Line] = [
            .field(Fact(t[.amount], t.money(a.amount))),
            .field(Fact(t[.recordID], a.id)),
            .field(Fact(t[.status], t.allocationStatus(a.status))),
            .field(Fact(t[.financialYear], a.financialYear ?? "—")),
            .field(Fact(t[.approvedBy], a.approvedBy.map { t.name($0, chinese: a.chinese["approved_by"]) } ?? "—")),
        ]
        if let parent = p.parent(ofAllocation: id) {
            lines.append(.field(Fact(t[.shareOfParent], t(.shareOfParentValue, Format.percent(ratio: a.share(of: parent)),
                                                          t.name(parent.name, chinese: parent.chinese["name"])))))
        }
        if !a.children.isEmpty {
            lines.append(.field(Fact(t[.subAllocated], t.money(a.allocatedToChildren))))
            lines.append(.field(Fact(t[.unallocated], t.money(a.unallocated), severity: a.unallocated > .zero ? .warning : .normal)))
        }
        if let c = a.committed {
            lines.append(.field(Fact(t[.committed], t.money(c.value) + w.mark(c.sourceID), illustrative: p.isIllustrative(c.sourceID))))
        }
        if let s = a.spent {
            lines.append(.field(Fact(t[.spent], t.money(s.value) + w.mark(s.sourceID) + w.stamp(a.spendReport),
                                     illustrative: p.isIllustrative(s.sourceID))))
        }
        if let ev = p.earnedValue(of: a, on: live.day) { lines += Self.earnedValue(ev, of: a, writer: w) }
        if !a.children.isEmpty {
            lines += [.blank, .heading(t[.subAllocations])]
            lines += a.children.map {
                .field(Fact(t.name($0.name, chinese: $0.chinese["name"]), "\(t.money($0.amount))  \(Format.percent(ratio: $0.share(of: a)))"))
            }
        }
        lines += w.note(a.note, a.chinese)
        lines += w.historyLines([.spend], trend: { $0.spent.map { Double($0.dollars) } }, label: .spentTrend)
        model = DetailViewModel(title: t.name(a.name, chinese: a.chinese["name"]), lines: lines + w.sources(a.sourceIDs))
    }

    /// PMI's earned value of an allocation that funds construction, each figure marked when any
    /// input is illustrative, SPI and CPI coloured by the thresholds.
    private static func earnedValue(_ ev: EarnedValue, of a: Allocation, writer w: DetailWriter) -> [DetailViewModel.Line] {
        let (t, live) = (w.texts, w.live)
        let star = Format.mark(ev.isIllustrative)
        func money(_ value: Double?) -> String {
            guard let value else { return "—" }
            return t.estimate(HKD(dollars: Int64(value.rounded()))) + star
        }
        func fact(_ label: Phrase, _ value: String, _ severity: Severity = .normal) -> DetailViewModel.Line {
            .field(Fact(t[label], value, illustrative: ev.isIllustrative, severity: severity))
        }
        let funded = w.programme.fundedBuildings(of: a).map { t.name($0.nameEN, chinese: $0.nameZH) }.joined(separator: ", ")
        let planned = ev.budgetAtCompletion > 0 ? ev.plannedValue / ev.budgetAtCompletion : 0
        return [
            .blank, .heading(t(.earnedValueHeading, t.day(live.day))),
            .field(Fact(t[.evmFunds], funded)),
            .text(t(.evmPlanned, Format.percent(ratio: planned) + star, t[.evmShape])),
            // BAC is the allocation's own published amount; what is derived from illustrative inputs is marked.
            .field(Fact(t[.evmBAC], t.money(HKD(dollars: Int64(ev.budgetAtCompletion.rounded()))))),
            fact(.evmPV, money(ev.plannedValue)),
            fact(.evmEV, money(ev.earnedValue)), fact(.evmAC, money(ev.actualCost)),
            fact(.evmSV, money(ev.scheduleVariance), ev.scheduleVariance < 0 ? .warning : .normal),
            fact(.evmCV, money(ev.costVariance), (ev.costVariance ?? 0) < 0 ? .warning : .normal),
            fact(.evmSPI, t.index(ev.schedulePerformance, illustrative: ev.isIllustrative),
                 Severity(live.thresholds.standing(of: ev.schedulePerformance))),
            fact(.evmCPI, t.index(ev.costPerformance, illustrative: ev.isIllustrative),
                 Severity(live.thresholds.standing(of: ev.costPerformance))),
            fact(.evmEAC, money(ev.estimateAtCompletion)), fact(.evmEACBudget, money(ev.estimateAtCompletionAtBudgetRate)),
            fact(.evmETC, money(ev.estimateToComplete)), fact(.evmVAC, money(ev.varianceAtCompletion)),
        ]
    }
}
