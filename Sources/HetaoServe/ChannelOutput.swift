import NIOCore
import NIOSSH

/// Everything a session sends its client, in order and whole: the bytes of its process, then
/// its exit status, then the close. One item goes at a time, and none while the connection
/// rekeys (`TransportWatch`), when swift-nio-ssh 0.15 would lose it. Confined to its channel's
/// event loop.
final class ChannelOutput: @unchecked Sendable {
    private enum Item {
        case data(SSHChannelData)
        case exitStatus(Int)
        case close
    }

    private let channel: Channel
    private let watch: TransportWatch
    private var queue: [Item] = []
    private var writing = false
    /// Called when the queue has room again, so held-back relays read on.
    private let resumed: () -> Void
    /// Called when output could not be written: the session's output is incomplete.
    private let failed: (Error) -> Void

    init(channel: Channel, watch: TransportWatch, resumed: @escaping () -> Void, failed: @escaping (Error) -> Void) {
        self.channel = channel
        self.watch = watch
        self.resumed = resumed
        self.failed = failed
    }

    /// More than one chunk waits, or the client's window is shut: the process should wait.
    var isBackedUp: Bool { queue.count > 1 || !channel.isWritable }

    func send(_ data: SSHChannelData) { enqueue(.data(data)) }

    /// The exit status, after everything sent before it.
    func sendExitStatus(_ status: Int) { enqueue(.exitStatus(status)) }

    /// Closes the channel once everything queued has gone.
    func closeWhenSent() { enqueue(.close) }

    private func enqueue(_ item: Item) {
        queue.append(item)
        pump()
    }

    private func pump() {
        guard !writing, let next = queue.first else { return }
        writing = true
        watch.whenSettled { [self] in
            let written: EventLoopFuture<Void>
            switch next {
            case .data(let data): written = channel.writeAndFlush(data)
            case .exitStatus(let status):
                written = channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status))
            case .close: written = channel.close()
            }
            written.whenComplete { [self] result in
                writing = false
                if case .failure(let error) = result {
                    // Nothing more can reach the client: the rest is dropped, and said so.
                    if case .data = next { failed(error) }
                    queue = []
                    if channel.isActive { channel.close(promise: nil) }
                    return
                }
                queue.removeFirst()
                if !isBackedUp { resumed() }
                pump()
            }
        }
    }
}
