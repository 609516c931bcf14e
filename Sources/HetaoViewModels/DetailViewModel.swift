import HetaoDomain

/// A full-screen detail: every field of one entity, its dates and its sources with confidence.
public struct DetailViewModel: Sendable {
    public enum Line: Hashable, Sendable {
        case heading(String)
        case field(Fact)
        case text(String)
        /// Cells laid out in aligned columns (the first row of a run is its header).
        case columns([String])
        /// A labelled sparkline of values over time.
        case trend(String, [Double])
        case blank
    }

    public let title: String
    public let lines: [Line]

    public init?(programme p: Programme, overlay: Overlay, live: LiveContext? = nil) {
        let live = live ?? LiveContext(today: p.asOf)
        func stamp(_ s: ReportStamp?) -> String {
            guard let s else { return "" }
            let stale = s.isStale(on: live.today, afterDays: live.staleAfterDays)
            return " (as of \(s.asOf.iso), by \(s.recordedBy)\(stale ? "; stale: older than \(live.staleAfterDays) days" : ""))"
        }
        /// The recorded history: a trend of the values and one row per record, corrections shown.
        func history(_ kinds: [RecordKind], trend: (StatusRecord) -> Double?, label: String) -> [Line] {
            let records = live.history.filter { kinds.contains($0.kind) }
            guard !records.isEmpty else { return [] }
            let superseded = Dictionary(records.compactMap { r in r.supersedes.map { ($0, r.id) } }, uniquingKeysWith: { $1 })
            let values = records.filter { superseded[$0.id] == nil }.compactMap(trend)
            var lines: [Line] = [.blank, .heading("History (\(records.count) records)")]
            if values.count > 1 { lines.append(.trend(label, values)) }
            lines.append(.columns(["#", "as of", "reported", "by", "source"]))
            for r in records.suffix(40) {
                let mark = superseded[r.id].map { " (superseded by #\($0))" } ?? r.supersedes.map { " (corrects #\($0))" } ?? ""
                lines.append(.columns(["\(r.id)", r.asOf.iso, r.summary + mark, r.recordedBy, r.source]))
            }
            return lines
        }
        func mark(_ source: String) -> String { p.isIllustrative(source) ? "*" : "" }
        func dated(_ d: DatedValue?) -> String { d.map { $0.display + mark($0.sourceID) } ?? "—" }
        func sources(_ ids: [String]) -> [Line] {
            [.blank, .heading("Sources")] + ids.map { id in
                guard let s = p.source(id) else { return .text("\(id): not in the dataset") }
                let date = s.date.map { ", \($0.display)" } ?? ""
                let reference = s.reference.map { ", \($0)" } ?? ""
                let url = s.url.map { " <\($0)>" } ?? ""
                return .field(Fact("[\(s.confidence.rawValue)]", "\(id): \(s.title). \(s.publisher)\(date)\(reference)\(url)",
                                   illustrative: s.confidence == .illustrative))
            }
        }
        switch overlay {
        case .help:
            return nil
        case .building(let id):
            guard let b = p.buildings.first(where: { $0.id == id }) else { return nil }
            let status = b.status(on: p.asOf)
            title = "Building \(b.label)\(b.isPlaceholder ? " (placeholder label: number not public)" : "") — \(b.nameEN)"
            var lines: [Line] = [
                .field(Fact("Name", b.nameEN)), .field(Fact("中文", b.nameZH)),
                .field(Fact("Batch", p.batch(b.batchID)?.name ?? b.batchID)), 
                .field(Fact("Use", b.use.value.label + mark(b.use.sourceID), illustrative: p.isIllustrative(b.use.sourceID))),
                .field(Fact("Storeys", b.storeys.map { "\($0.value)\(mark($0.sourceID))" } ?? "not published")),
                .field(Fact("Floor area", Format.grouped(b.floorArea.value) + " m²" + mark(b.floorArea.sourceID),
                            illustrative: p.isIllustrative(b.floorArea.sourceID))),
                .field(Fact("Status", status.label, severity: status == .completed ? .good : .normal)),
                .field(Fact("Progress", Format.percent(b.percentComplete.value) + mark(b.percentComplete.sourceID)
                            + stamp(b.progressReport), illustrative: p.isIllustrative(b.percentComplete.sourceID),
                            severity: b.progressReport?.isStale(on: live.today, afterDays: live.staleAfterDays) == true
                                ? .warning : .normal)),
                .field(Fact("Leased", b.shareLeased.map { Format.percent($0.value) + mark($0.sourceID) + stamp(b.leasingReport) }
                            ?? "not published")),
                .field(Fact("Slip", b.slipDays.map { Format.days($0) + " (expected completion vs baseline)" } ?? "—",
                            severity: (b.slipDays ?? 0) > 0 ? .warning : .normal)),
                .blank, .heading("Milestones"), .columns(["", "baseline", "forecast", "actual"]),
            ]
            for (name, plan) in [("Start", b.start), ("Topping-out", b.toppingOut), ("Completion", b.completion)] {
                lines.append(.columns([name, dated(plan.baseline), dated(plan.forecast), dated(plan.actual)]))
            }
            if let note = b.note { lines += [.blank, .heading("Note"), .text(note)] }
            lines += history([.progress], trend: \.percent, label: "Progress trend")
            lines += history([.leasing], trend: \.shareLet, label: "Share let trend")
            lines += history([.milestone], trend: { _ in nil }, label: "")
            self.lines = lines + sources(b.sourceIDs)
        case .allocation(let id):
            guard let a = p.allocation(id) else { return nil }
            title = a.name
            let parent = p.parent(ofAllocation: id)
            var lines: [Line] = [
                .field(Fact("Amount", "\(a.amount.formatted) (HK$\(Format.grouped(Double(a.amount.dollars))))")),
                .field(Fact("Status", a.status.rawValue)),
                .field(Fact("Financial year", a.financialYear ?? "—")),
                .field(Fact("Approved by", a.approvedBy ?? "—")),
            ]
            if let parent {
                lines.append(.field(Fact("Share of parent", "\(Format.percent(ratio: a.share(of: parent))) of \(parent.name)")))
            }
            if !a.children.isEmpty {
                lines.append(.field(Fact("Sub-allocated", a.allocatedToChildren.formatted)))
                lines.append(.field(Fact("Unallocated", a.unallocated.formatted,
                                         severity: a.unallocated > .zero ? .warning : .normal)))
            }
            if let c = a.committed {
                lines.append(.field(Fact("Committed", c.value.formatted + mark(c.sourceID), illustrative: p.isIllustrative(c.sourceID))))
            }
            if let s = a.spent {
                lines.append(.field(Fact("Spent", s.value.formatted + mark(s.sourceID) + stamp(a.spendReport),
                                         illustrative: p.isIllustrative(s.sourceID))))
            }
            if !a.children.isEmpty {
                lines += [.blank, .heading("Sub-allocations")]
                lines += a.children.map { .field(Fact($0.name, "\($0.amount.formatted)  \(Format.percent(ratio: $0.share(of: a)))")) }
            }
            if let note = a.note { lines += [.blank, .heading("Note"), .text(note)] }
            lines += history([.spend], trend: { $0.spent.map { Double($0.dollars) } }, label: "Spent trend")
            let ids = [a.sourceID] + [a.committed?.sourceID, a.spent?.sourceID].compactMap { $0 }
            self.lines = lines + sources(uniqued(ids))
        case .institution(let id):
            guard let i = p.institutions.first(where: { $0.id == id }) else { return nil }
            title = i.name
            var lines: [Line] = [
                .field(Fact("Kind", i.kind.label)), .field(Fact("Field", i.field)), .field(Fact("Status", i.status)),
                .field(Fact("Five major", i.isFiveMajor ? "yes (our reading of the sources)" : "no")),
            ]
            if let e = i.established { lines.append(.field(Fact("Established", dated(e)))) }
            if let l = i.location { lines.append(.field(Fact("Location", l))) }
            if let a = i.allocationID.flatMap(p.allocation) {
                lines.append(.field(Fact("Funding", "\(a.amount.formatted) — \(a.name)")))
            }
            if let note = i.note { lines += [.blank, .heading("Note"), .text(note)] }
            self.lines = lines + sources(uniqued([i.sourceID] + (i.allocationID.flatMap(p.allocation).map { [$0.sourceID] } ?? [])))
        }
    }
}

/// The ids in order, each once.
private func uniqued(_ ids: [String]) -> [String] {
    var seen = Set<String>()
    return ids.filter { seen.insert($0).inserted }
}
