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
        return folder + "/" + String(FNV1a.hash(Data(absolute.utf8)), radix: 16) + ".packed"
    }

    /// What a copy of `bytes` holding `packed` is headed with: the form's version, the dataset's
    /// hash and size, the copy's own hash, and the program that wrote it.
    static func header(for bytes: Data, packed: some Collection<UInt8>) -> String {
        "hetao-dataset 2 \(String(FNV1a.hash(bytes), radix: 16)) \(bytes.count) \(String(FNV1a.hash(packed), radix: 16)) \(programIdentity ?? "")\n"
    }

    /// Copies larger than this are not read: a dataset of 10,000 buildings packs into a few MB.
    static let largestCopy = 256 << 20

    /// The programme the copy of `path` holds, when it was made from these very bytes by this
    /// very program, is whole, and is this user's own (a regular file, not a link, that no one
    /// else may write, in a folder no one else may write); nil otherwise.
    func cached(_ path: String, bytes: Data) -> Programme? {
        guard Self.programIdentity != nil, Self.isPrivate(folder, directory: true) else { return nil }
        let fd = open(file(for: path), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, Self.isPrivate(status, directory: false), Int(status.st_size) <= Self.largestCopy else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        guard let copy = try? handle.readToEnd(), let newline = copy.firstIndex(of: 0x0A) else { return nil }
        let packed = copy[copy.index(after: newline)...]
        guard copy[...newline].elementsEqual(Self.header(for: bytes, packed: packed).utf8) else { return nil }
        return try? PackedDecoder.decode(Programme.self, from: Array(packed))
    }

    /// Keeps `programme` as the copy of `path`: written to a new file beside it, then renamed
    /// over the old copy, so a reader never meets half a file. Failures are let go.
    func keep(_ programme: Programme, of path: String, bytes: Data) {
        guard Self.programIdentity != nil, let packed = try? PackedEncoder.encode(programme) else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        guard Self.isPrivate(folder, directory: true) else { return }
        var template = Array((folder + "/.copy-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        let temporary = String(cString: template)
        let written = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try written.write(contentsOf: Data((Self.header(for: bytes, packed: packed.utf8) + packed).utf8))
            try written.close()
        } catch {
            unlink(temporary)
            return
        }
        if rename(temporary, file(for: path)) != 0 { unlink(temporary) }
    }

    /// Owned by this user and writable by no one else; a folder, or a regular file.
    private static func isPrivate(_ path: String, directory: Bool) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && isPrivate(status, directory: directory)
    }

    private static func isPrivate(_ status: stat, directory: Bool) -> Bool {
        (status.st_mode & S_IFMT) == (directory ? S_IFDIR : S_IFREG) && status.st_uid == geteuid() && status.st_mode & 0o022 == 0
    }

    /// The running program's file (device, inode, size, modification time): a rebuilt hetao,
    /// whose types may have changed, never reads a copy another build wrote. Without `/proc`
    /// there is no telling, and no copy is kept or read.
    static let programIdentity: String? = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return nil }
        return "\(status.st_dev)-\(status.st_ino)-\(status.st_size)-\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()
}
