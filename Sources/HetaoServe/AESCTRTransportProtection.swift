import Crypto
import _CryptoExtras
import Foundation
import NIOCore
import NIOSSH

/// `aes128-ctr` and `aes256-ctr` with `hmac-sha2-256` (RFC 4344, RFC 6668): the ciphers of
/// clients without AES-GCM, Debian's dropbear client among them. The packet is MACed in the
/// clear (sequence number, then the whole packet) and encrypted whole, its length included;
/// swift-crypto does the AES and the HMAC, and each packet passes `PacketRepair`.
class AESCTRTransportProtection: NIOSSHTransportProtection {
    class var cipherName: String { "aes128-ctr" }
    class var macName: String? { "hmac-sha2-256" }
    class var cipherBlockSize: Int { 16 }
    class var keySizes: ExpectedKeySizes { ExpectedKeySizes(ivSize: 16, encryptionKeySize: 16, macKeySize: 32) }

    var macBytes: Int { 32 }
    var lengthEncrypted: Bool { true }

    private var inbound: Direction
    private var outbound: Direction

    /// One direction's key, MAC key and counter block.
    private struct Direction {
        var key: SymmetricKey
        var macKey: SymmetricKey
        var counter: [UInt8]

        /// The counter `blocks` blocks on, as a 128-bit big-endian number.
        func counter(advancedBy blocks: Int) -> [UInt8] {
            var result = counter
            var carry = UInt64(blocks)
            var index = 15
            while carry > 0 && index >= 0 {
                let sum = UInt64(result[index]) + (carry & 0xFF)
                result[index] = UInt8(truncatingIfNeeded: sum)
                carry = (carry >> 8) + (sum >> 8)
                index -= 1
            }
            return result
        }

        func crypt(_ bytes: some DataProtocol, startingAt blocks: Int = 0) throws -> Data {
            try AES._CTR.encrypt(bytes, using: key, nonce: AES._CTR.Nonce(nonceBytes: counter(advancedBy: blocks)))
        }
    }

    /// The connection these keys are for (see `TransportWatch`).
    private let watch = TransportWatch.reading.currentValue

    required init(initialKeys: NIOSSHSessionKeys) throws {
        (inbound, outbound) = try Self.directions(initialKeys)
    }

    func updateKeys(_ newKeys: NIOSSHSessionKeys) throws {
        (inbound, outbound) = try Self.directions(newKeys)
    }

    private static func directions(_ keys: NIOSSHSessionKeys) throws -> (Direction, Direction) {
        guard keys.inboundEncryptionKey.bitCount == keySizes.encryptionKeySize * 8,
              keys.outboundEncryptionKey.bitCount == keySizes.encryptionKeySize * 8,
              keys.initialInboundIV.count == 16, keys.initialOutboundIV.count == 16 else { throw PacketError(reason: "key sizes do not fit the cipher") }
        return (Direction(key: keys.inboundEncryptionKey, macKey: keys.inboundMACKey, counter: keys.initialInboundIV),
                Direction(key: keys.outboundEncryptionKey, macKey: keys.outboundMACKey, counter: keys.initialOutboundIV))
    }

    func decryptFirstBlock(_ source: inout ByteBuffer) throws {
        guard let block = source.getBytes(at: source.readerIndex, length: 16) else { throw PacketError(reason: "a packet shorter than a block") }
        source.setBytes(try inbound.crypt(block), at: source.readerIndex)
    }

    func decryptAndVerifyRemainingPacket(_ source: inout ByteBuffer, sequenceNumber: UInt32) throws -> ByteBuffer {
        let packetLength = source.readableBytes - macBytes
        guard packetLength >= 16, packetLength % 16 == 0,
              let first = source.getBytes(at: source.readerIndex, length: 16),
              let rest = source.getBytes(at: source.readerIndex + 16, length: packetLength - 16),
              let tag = source.getBytes(at: source.readerIndex + packetLength, length: macBytes) else {
            throw PacketError(reason: "a packet that is not whole blocks")
        }
        let plaintext = first + (rest.isEmpty ? [] : Array(try inbound.crypt(rest, startingAt: 1)))
        var authenticated = HMAC<SHA256>(key: inbound.macKey)
        authenticated.update(data: Self.bytes(of: sequenceNumber))
        authenticated.update(data: plaintext)
        guard Data(authenticated.finalize()).elementsEqualInConstantTime(tag) else {
            throw PacketError(reason: "a packet whose MAC does not match")
        }
        inbound.counter = inbound.counter(advancedBy: packetLength / 16)
        let padding = Int(plaintext[4])
        guard padding >= 4, 5 + padding <= packetLength else { throw PacketError(reason: "a packet with too little or too much padding") }
        source.moveReaderIndex(forwardBy: source.readableBytes)
        watch?.saw(plaintext[5])
        return ByteBuffer(bytes: PacketRepair.repaired(Array(plaintext[5..<(packetLength - padding)])))
    }

    func encryptPacket(_ destination: inout ByteBuffer, sequenceNumber: UInt32) throws {
        let start = destination.readerIndex
        let plaintext = destination.getBytes(at: start, length: destination.readableBytes)!
        var authenticated = HMAC<SHA256>(key: outbound.macKey)
        authenticated.update(data: Self.bytes(of: sequenceNumber))
        authenticated.update(data: plaintext)
        destination.setBytes(try outbound.crypt(plaintext), at: start)
        destination.writeBytes(Array(authenticated.finalize()))
        outbound.counter = outbound.counter(advancedBy: plaintext.count / 16)
    }

    private static func bytes(of number: UInt32) -> [UInt8] {
        [UInt8(number >> 24), UInt8(truncatingIfNeeded: number >> 16), UInt8(truncatingIfNeeded: number >> 8),
         UInt8(truncatingIfNeeded: number)]
    }
}

/// Why a packet was refused: the connection ends, and the audit log says why.
struct PacketError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// `aes256-ctr` with `hmac-sha2-256`.
final class AES256CTRTransportProtection: AESCTRTransportProtection {
    override class var cipherName: String { "aes256-ctr" }
    override class var keySizes: ExpectedKeySizes { ExpectedKeySizes(ivSize: 16, encryptionKeySize: 32, macKeySize: 32) }
}

private extension Data {
    /// Compared without stopping at the first difference, so a forger learns nothing from timing.
    func elementsEqualInConstantTime(_ other: [UInt8]) -> Bool {
        guard count == other.count else { return false }
        return zip(self, other).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
