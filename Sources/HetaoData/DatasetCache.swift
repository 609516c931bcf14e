import Foundation
import HetaoDomain
import PackedCoding

/// A programme file parsed once. Its decoded form is kept in the user's cache
/// (`$XDG_CACHE_HOME/hetao/datasets`, else `~/.cache/hetao/datasets`), one file per dataset path,
/// headed by a hash of the dataset's content and the identity of the program that wrote it. A
/// start whose dataset and program both match reads that copy (`PackedDecoder`, one pass)
/// instead of parsing the YAML again, which at 10,000 buildings is most of a start. Anything
/// else (a changed file, another build of hetao, a damaged or unreadable copy) parses as before
/// and writes the copy again. It is only ever a copy: where it cannot be written, nothing changes
/// but the time a start takes.
public struct DatasetCache: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public init(environment: [String: String]) {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        self.init(folder: base + "/hetao/datasets")
    }

    /// The copy's file for the dataset at `path`.
    func file(for path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return folder + "/" + String(Self.hash(Data(absolute.utf8)), radix: 16) + ".packed"
    }

    /// What a copy must be headed with to stand for `bytes`, read by this program.
    static func header(for bytes: Data) -> String {
        "hetao-dataset 1 \(String(hash(bytes), radix: 16)) \(bytes.count) \(programIdentity)\n"
    }

    /// The programme the copy of `path` holds, when it was made from these very bytes by this
    /// very program; nil otherwise.
    func cached(_ path: String, bytes: Data) -> Programme? {
        guard let copy = FileManager.default.contents(atPath: file(for: path)) else { return nil }
        let header = Array(Self.header(for: bytes).utf8)
        guard copy.count > header.count, copy.prefix(header.count).elementsEqual(header) else { return nil }
        return try? PackedDecoder.decode(Programme.self, from: Array(copy.dropFirst(header.count)))
    }

    /// Keeps `programme` as the copy of `path`: written beside, then renamed over the old copy,
    /// so a reader never meets half a file. Failures are let go.
    func keep(_ programme: Programme, of path: String, bytes: Data) {
        guard let packed = try? PackedEncoder.encode(programme) else { return }
        let target = file(for: path)
        let temporary = target + ".\(getpid()).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: temporary, contents: Data((Self.header(for: bytes) + packed).utf8),
                                                 attributes: [.posixPermissions: 0o600]) else { return }
            if rename(temporary, target) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// FNV-1a, 64 bits: a change to the file changes it; the copy is the user's own, so it need
    /// not resist anyone who could write the dataset anyway.
    static func hash(_ bytes: Data) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var value: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in raw {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01b3
            }
            return value
        }
    }

    /// The running program's file (device, inode, size, modification time): a rebuilt hetao,
    /// whose types may have changed, never reads a copy another build wrote.
    static let programIdentity: String = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return "unknown" }
        return "\(status.st_dev)-\(status.st_ino)-\(status.st_size)-\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()
}
