import HetaoDomain
import HetaoText

/// An institution's detail: kind, field, status, whether it is one of the five, when it was
/// set up, where, what funds it, and its sources.
struct InstitutionDetail {
    let model: DetailViewModel

    init?(_ id: String, writer w: DetailWriter) {
        guard let i = w.programme.institution(id) else { return nil }
        let (p, t) = (w.programme, w.texts)
        var lines: [DetailViewModel.Line] = [
            .field(Fact(t[.kind], t.kind(i.kind))), .field(Fact(t[.field], t.name(i.field, chinese: i.chinese["field"]))),
            .field(Fact(t[.status], t.name(i.status, chinese: i.chinese["status"]))),
            .field(Fact(t[.fiveMajor], i.isFiveMajor ? t[.fiveMajorYes] : t[.no])),
        ]
        if let e = i.established { lines.append(.field(Fact(t[.established], w.dated(e)))) }
        if let l = i.location { lines.append(.field(Fact(t[.location], t.name(l, chinese: i.chinese["location"])))) }
        let funding = i.allocationID.flatMap(p.allocation)
        if let a = funding {
            lines.append(.field(Fact(t[.funding], "\(t.money(a.amount)) — \(t.name(a.name, chinese: a.chinese["name"]))")))
        }
        lines += w.note(i.note, i.chinese)
        model = DetailViewModel(title: t.name(i.name, chinese: i.chinese["name"]),
                                lines: lines + w.sources(Source.distinct(i.sourceIDs + [funding?.sourceID])))
    }
}
