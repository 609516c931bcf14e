/// Numbers for the sources a brief cites, in the order first cited, so a row's `[2, 5]` leads
/// to entries 2 and 5 of the list at the end.
struct SourceNumbers {
    private(set) var ids: [String] = []
    private var numbers: [String: Int] = [:]

    /// The numbers of `ids` (known ones only, each once), numbering those not yet cited.
    mutating func cite(_ ids: [String], known: (String) -> Bool) -> [Int] {
        var cited: [Int] = []
        for id in ids where known(id) {
            let number = numbers[id] ?? {
                self.ids.append(id)
                numbers[id] = self.ids.count
                return self.ids.count
            }()
            if !cited.contains(number) { cited.append(number) }
        }
        return cited.sorted()
    }
}
