import NIOCore
import NIOSSH

/// Everything a session sends its client, in order and whole. swift-nio-ssh 0.15 fails a
/// channel write made while the connection is rekeying (which clients start: dropbear and PuTTY
/// every hour, OpenSSH after `RekeyLimit`), and the bytes are gone. So each chunk is written
/// only once the one before it has gone, and a write that failed on a live channel is made
/// again a moment later. The exit status goes the same way, after the last byte.
/// Confined to its channel's event loop.
final class ChannelOutput: @unchecked Sendable {
    private let channel: Channel
    private var queue: [(data: SSHChannelData?, event: SSHChannelRequestEvent.ExitStatus?)] = []
    private var writing = false
    private var retries = 0
    private var drained: [EventLoopPromise<Void>] = []
    /// Called when the queue has room again, so held-back relays read on.
    private let resumed: () -> Void

    /// A write that keeps failing on a live channel for this long is given up.
    static let retryDelay = TimeAmount.milliseconds(20)
    static let mostRetries = 500

    init(channel: Channel, resumed: @escaping () -> Void) {
        self.channel = channel
        self.resumed = resumed
    }

    /// More than one chunk waits, or the client's window is shut: the process should wait.
    var isBackedUp: Bool { queue.count > 1 || !channel.isWritable }

    func send(_ data: SSHChannelData) {
        queue.append((data, nil))
        pump()
    }

    /// The exit status, after everything sent before it.
    func sendExitStatus(_ status: Int) {
        queue.append((nil, SSHChannelRequestEvent.ExitStatus(exitStatus: status)))
        pump()
    }

    /// Closes the channel once everything queued has gone, trying again if a rekey is under way.
    func closeWhenSent() {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        drained.append(promise)
        promise.futureResult.whenComplete { _ in self.close(attempt: 0) }
        pump()
    }

    private func close(attempt: Int) {
        channel.close().whenFailure { [self] _ in
            guard channel.isActive, attempt < Self.mostRetries else { return }
            channel.eventLoop.scheduleTask(in: Self.retryDelay) { self.close(attempt: attempt + 1) }
        }
    }

    private func pump() {
        guard !writing else { return }
        guard let next = queue.first else {
            for promise in drained { promise.succeed() }
            drained = []
            return
        }
        writing = true
        let written = next.data.map { channel.writeAndFlush($0) } ?? channel.triggerUserOutboundEvent(next.event!)
        written.whenComplete { [self] result in
            writing = false
            switch result {
            case .success:
                retries = 0
                queue.removeFirst()
                if !isBackedUp { resumed() }
                pump()
            case .failure where channel.isActive && retries < Self.mostRetries:
                retries += 1
                channel.eventLoop.scheduleTask(in: Self.retryDelay) { self.pump() }
            case .failure:
                // The client has gone: nothing more can reach it.
                queue = []
                pump()
            }
        }
    }
}
