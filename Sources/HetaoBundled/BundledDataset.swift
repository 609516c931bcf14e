import HetaoData
import HetaoDomain
import PackedCoding
import YAMLDiagnostics

/// The dataset the binary carries: `Resources/hetao.yaml`, checked when hetao is built (a
/// dataset with problems fails the build) and compiled in `PackedEncoder`'s form, which reads
/// in a fraction of a millisecond. `DatasetLoader` still parses a `--dataset` file at run time.
public enum BundledDataset {
    /// The name problems and sources are reported against.
    public static let name = "<bundled hetao.yaml>"

    public static func load() throws(DatasetError) -> Programme {
        do {
            return try PackedDecoder.decode(Programme.self, from: CompiledDataset.packed)
        } catch {
            throw DatasetError.invalid([FileProblem(file: name, line: 1, column: 1,
                                                    message: "the compiled dataset does not read (\(error)); rebuild hetao")])
        }
    }
}
