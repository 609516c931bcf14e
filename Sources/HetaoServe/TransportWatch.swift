import NIOCore
import NIOPosix

/// Whether a connection is rekeying: from its client's KEXINIT until the client's NEWKEYS.
/// swift-nio-ssh 0.15 fails a channel write made during a key exchange, after counting it
/// against the window, and drops the first part of one split by the window without a word; so
/// nothing is written to a session while one is under way. hetao's ciphers tell it: each sees
/// the packets it decrypts, the client's KEXINIT and NEWKEYS among them (both under the keys
/// being replaced), and the client sends NEWKEYS only after hetao has sent its own.
/// Confined to the connection's event loop.
final class TransportWatch: @unchecked Sendable {
    private let eventLoop: EventLoop
    private(set) var isRekeying = false
    /// Key exchanges begun: a NEWKEYS settles only the exchange it ends, not one begun since.
    private var exchanges = 0
    private var waiting: [() -> Void] = []

    /// The watch of the connection whose bytes this thread is reading: how a cipher, made by
    /// the SSH library, finds its connection.
    static let reading = ThreadSpecificVariable<TransportWatch>()

    init(eventLoop: EventLoop) { self.eventLoop = eventLoop }

    /// A decrypted packet of this message type arrived.
    func saw(_ messageType: UInt8?) {
        switch messageType {
        case 20:  // SSH_MSG_KEXINIT
            isRekeying = true
            exchanges += 1
        case 21 where isRekeying:  // SSH_MSG_NEWKEYS: writes go again once it has been handled
            let ended = exchanges
            eventLoop.execute { [self] in
                guard exchanges == ended else { return }
                isRekeying = false
                let resumed = waiting
                waiting = []
                for body in resumed { body() }
            }
        default:
            break
        }
    }

    /// Runs `body` now, or once the rekey under way is over.
    func whenSettled(_ body: @escaping () -> Void) {
        if isRekeying { waiting.append(body) } else { body() }
    }
}

/// Sets the connection's `TransportWatch` as the one being read while its bytes pass to the
/// SSH handler behind it.
final class TransportScope: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private let watch: TransportWatch

    init(watch: TransportWatch) { self.watch = watch }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        TransportWatch.reading.currentValue = watch
        defer { TransportWatch.reading.currentValue = nil }
        context.fireChannelRead(data)
    }
}
