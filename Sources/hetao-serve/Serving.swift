import ArgumentParser
import Foundation
import HetaoAudit
import HetaoBundled
import HetaoCommandLine
import HetaoConfig
import HetaoServe
import Logging

extension ServeCommand: RunsHere {
    /// Reads the users file and the host key, makes sure the store exists, and serves until stopped.
    func runHere() throws {
        // Flags, then the config file's `serve:` section, then the defaults.
        let configured = try UserConfig.load()?.serve ?? ServeConfig()
        let listen = self.listen ?? configured.listen?.value ?? "127.0.0.1:2222"
        guard let (host, port) = Self.address(listen) else {
            Console.error("hetao: \(UserConfig.path):\(configured.listen?.line ?? 1): listen '\(listen)' is not HOST:PORT")
            throw ExitCode(78)
        }
        guard let users = self.users ?? configured.users?.value else {
            Console.error("hetao: serve needs a users file: --users FILE, or users: under serve: in \(UserConfig.path)")
            throw ExitCode(64)
        }
        let log = self.log ?? configured.log?.value
        let usersFile: UsersFile
        do { usersFile = try UsersFile.load(path: users) } catch {
            Console.error(error.description)
            throw ExitCode(78)
        }
        let keyPath = hostKey ?? configured.hostKey?.value ?? Self.defaultHostKey
        let key: HostKey
        let created: Bool
        do { (key, created) = try HostKey.loadOrCreate(path: keyPath) } catch {
            Console.error("hetao: \(error)")
            throw ExitCode(78)
        }
        // The store exists before the first session, so sessions never race to create it.
        let statusStore = try store.choice.open(seedingFrom: try BundledDataset.load())
        let handler: AuditLogHandler
        do { handler = try AuditLogHandler(path: log) } catch {
            Console.error("hetao: cannot open the log \(log ?? ""): \(error.localizedDescription)")
            throw ExitCode(73)
        }
        let logger = Logger(label: "hetao.serve") { _ in handler }
        var settings = ServeSettings(host: host, port: port, usersPath: users,
                                     storePath: statusStore.location, logPath: log, executable: ServerProgram.beside("hetao"))
        settings.maxSessions = maxSessions ?? configured.maxSessions?.value ?? settings.maxSessions
        settings.maxSessionsPerUser = maxSessionsPerUser ?? configured.maxSessionsPerUser?.value ?? settings.maxSessionsPerUser
        settings.idleTimeout = idleTimeout ?? configured.idleTimeout?.value
        settings.connectionIdleSeconds = connectionIdleTimeout ?? configured.connectionIdleTimeout?.value ?? settings.connectionIdleSeconds
        settings.maxConnectionsPerUser = maxConnectionsPerUser ?? configured.maxConnectionsPerUser?.value
            ?? settings.maxConnectionsPerUser
        settings.maxUnauthenticated = maxUnauthenticated ?? configured.maxUnauthenticated?.value ?? settings.maxUnauthenticated
        let pidPath = pidFile ?? configured.pidFile?.value ?? Self.defaultPidFile
        let server = SSHServer(settings: settings, hostKey: key, users: usersFile, log: logger)
        do {
            try server.run { boundPort in
                // Best effort: without it, `hetao users --reload` says to reload by hand.
                try? FileManager.default.createDirectory(atPath: (pidPath as NSString).deletingLastPathComponent,
                                                         withIntermediateDirectories: true)
                try? "\(getpid())\n".write(toFile: pidPath, atomically: true, encoding: .utf8)
                Console.out("hetao serve: listening on \(host):\(boundPort) for \(usersFile.users.count) user"
                            + "\(usersFile.users.count == 1 ? "" : "s")\n"
                            + "host key \(key.fingerprint) (\(keyPath)\(created ? ", created" : ""))\n")
            }
        } catch {
            Console.error("hetao: cannot serve on \(listen): \(error)")
            throw ExitCode(71)
        }
        if (try? String(contentsOfFile: pidPath, encoding: .utf8)) == "\(getpid())\n" { unlink(pidPath) }
        Console.out("hetao serve: stopped\n")
    }
}
