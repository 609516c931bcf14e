/// The names people use for what they record and look up: the id (`B1-A`), or the label the
/// screen shows (`Site A`, `8`), in any case, with spaces or hyphens (`site-a`, `b1-a`,
/// `building-8`). Every command that takes an id takes these, so what is read off the screen
/// can be typed back.
extension Programme {
    /// The id `name` stands for, if it names a building, allocation or milestone.
    public func id(named name: String) -> String? {
        let wanted = Self.folded(name)
        return subjectNames.first { Self.folded($0.name) == wanted }?.id
    }

    /// Every name with the id it stands for: ids first, then each building's label as shown and
    /// as one word (`site-a`), the forms completion offers.
    public var subjectNames: [(name: String, id: String)] {
        var names = (buildings.map(\.id) + allAllocations.map(\.allocation.id) + milestones.map(\.id)).map { ($0, $0) }
        for building in buildings where !building.label.isEmpty {
            names.append((building.label, building.id))
            if building.label.allSatisfy(\.isNumber) { names.append(("building-" + building.label, building.id)) }
        }
        return names
    }

    /// The completion words: ids, and labels as one lower-case word.
    public var subjectWords: [String] {
        var seen = Set<String>()
        return subjectNames.map { $0.name.contains(" ") ? Self.folded($0.name) : $0.name }.filter { seen.insert($0).inserted }
    }

    /// "Did you mean" for a name that is none of `ids`: the closest label or id, shown as the
    /// screen shows it, with its id when that differs (`Site E (B1-E)`).
    public func suggestion(for name: String, among ids: [String]) -> String? {
        let allowed = Set(ids)
        let candidates = subjectNames.filter { allowed.contains($0.id) }
        // Labels first: among equally close names, the one the screen shows wins.
        let ordered = candidates.filter { $0.name != $0.id } + candidates.filter { $0.name == $0.id }
        guard let closest = Suggestion.closest(to: Self.folded(name), in: ordered.map { Self.folded($0.name) }),
              let match = ordered.first(where: { Self.folded($0.name) == closest }) else { return nil }
        // A bare number ("9") says less than the id it stands for.
        guard let building = building(match.id), !building.label.isEmpty,
              !building.label.allSatisfy(\.isNumber), building.label != building.id else { return match.id }
        return "\(building.label) (\(building.id))"
    }

    static func folded(_ name: String) -> String {
        name.trimmedWhitespace.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: "-")
    }
}
