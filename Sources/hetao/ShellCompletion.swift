import HetaoCommandLine
import HetaoBundled
import HetaoData
import HetaoDomain

/// What the shells complete, asked of `hetao` at the moment of the Tab.
enum ShellCompletion {
    /// The ids and labels (as one word: `site-a`) of the bundled programme's buildings,
    /// allocations and milestones.
    static func subjects(startingWith prefix: String) -> [String] {
        let words = (try? BundledDataset.load())?.subjectWords ?? []
        return words.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
    }
}
