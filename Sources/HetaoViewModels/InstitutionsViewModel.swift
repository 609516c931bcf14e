import HetaoDomain
import HetaoText

/// One institution or programme as the pane lists it.
public struct InstitutionRow: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var isFiveMajor: Bool
    public var field: String
    public var status: String
    public var funding: String
}

/// The institutions pane: the five major R&D institutions first, then programmes and the rest.
public struct InstitutionsViewModel: Sendable {
    public let rows: [InstitutionRow]

    public init(programme: Programme, texts t: Texts = .english) {
        rows = programme.institutions.enumerated().sorted { a, b in
            a.element.isFiveMajor != b.element.isFiveMajor ? a.element.isFiveMajor : a.offset < b.offset
        }.map { _, i in
            InstitutionRow(id: i.id, name: t.name(i.name, chinese: i.chinese["name"]), kind: t.kind(i.kind),
                           isFiveMajor: i.isFiveMajor, field: t.name(i.field, chinese: i.chinese["field"]),
                           status: t.name(i.status, chinese: i.chinese["status"]),
                           funding: i.allocationID.flatMap(programme.allocation).map { t.amount($0.amount) } ?? "")
        }
    }

    /// The row of the institution with `id`; the first row when there is none.
    public func index(of id: String?) -> Int { rows.firstIndex { $0.id == id } ?? 0 }
}
