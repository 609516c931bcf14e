import Crypto
import Foundation
import NIOCore
import NIOSSH

/// `aes256-gcm@openssh.com` and `aes128-gcm@openssh.com` (RFC 5647 in OpenSSH's form: the
/// length in the clear as associated data, a 12-byte nonce whose last 8 bytes count packets),
/// with swift-crypto's AES-GCM. hetao carries its own, as it does AES-CTR, so that every packet
/// of every cipher passes `PacketRepair`.
class AESGCMTransportProtection: NIOSSHTransportProtection {
    class var cipherName: String { "aes256-gcm@openssh.com" }
    class var macName: String? { nil }
    class var cipherBlockSize: Int { 16 }
    class var keySizes: ExpectedKeySizes { ExpectedKeySizes(ivSize: 12, encryptionKeySize: 32, macKeySize: 16) }

    var macBytes: Int { 16 }
    var lengthEncrypted: Bool { false }

    private var inboundKey: SymmetricKey
    private var outboundKey: SymmetricKey
    private var inboundNonce: [UInt8]
    private var outboundNonce: [UInt8]

    /// The connection these keys are for (see `TransportWatch`).
    private let watch = TransportWatch.reading.currentValue

    required init(initialKeys: NIOSSHSessionKeys) throws {
        (inboundKey, outboundKey, inboundNonce, outboundNonce) = try Self.keys(initialKeys)
    }

    func updateKeys(_ newKeys: NIOSSHSessionKeys) throws {
        (inboundKey, outboundKey, inboundNonce, outboundNonce) = try Self.keys(newKeys)
    }

    private static func keys(_ keys: NIOSSHSessionKeys) throws -> (SymmetricKey, SymmetricKey, [UInt8], [UInt8]) {
        guard keys.inboundEncryptionKey.bitCount == keySizes.encryptionKeySize * 8,
              keys.outboundEncryptionKey.bitCount == keySizes.encryptionKeySize * 8,
              keys.initialInboundIV.count == 12, keys.initialOutboundIV.count == 12 else {
            throw PacketError(reason: "key sizes do not fit the cipher")
        }
        return (keys.inboundEncryptionKey, keys.outboundEncryptionKey, keys.initialInboundIV, keys.initialOutboundIV)
    }

    /// The next nonce: the invocation counter (the last 8 bytes) counts up by one.
    private static func incremented(_ nonce: [UInt8]) -> [UInt8] {
        var next = nonce
        var index = 11
        while index >= 4 {
            next[index] &+= 1
            if next[index] != 0 { break }
            index -= 1
        }
        return next
    }

    /// The length is in the clear: nothing to decrypt.
    func decryptFirstBlock(_ source: inout ByteBuffer) throws {}

    func decryptAndVerifyRemainingPacket(_ source: inout ByteBuffer, sequenceNumber: UInt32) throws -> ByteBuffer {
        let sealedLength = source.readableBytes - 4 - macBytes
        guard sealedLength >= 16, sealedLength % 16 == 0,
              let length = source.getBytes(at: source.readerIndex, length: 4),
              let ciphertext = source.getBytes(at: source.readerIndex + 4, length: sealedLength),
              let tag = source.getBytes(at: source.readerIndex + 4 + sealedLength, length: macBytes) else {
            throw PacketError(reason: "a packet that is not whole blocks")
        }
        let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: inboundNonce), ciphertext: ciphertext, tag: tag)
        let plaintext: [UInt8]
        do { plaintext = Array(try AES.GCM.open(box, using: inboundKey, authenticating: length)) } catch {
            throw PacketError(reason: "a packet whose tag does not match")
        }
        inboundNonce = Self.incremented(inboundNonce)
        let padding = Int(plaintext[0])
        guard padding >= 4, 1 + padding <= plaintext.count else { throw PacketError(reason: "a packet with too little or too much padding") }
        source.moveReaderIndex(forwardBy: source.readableBytes)
        watch?.saw(plaintext.count > 1 ? plaintext[1] : nil)
        return ByteBuffer(bytes: PacketRepair.repaired(Array(plaintext[1..<(plaintext.count - padding)])))
    }

    func encryptPacket(_ destination: inout ByteBuffer, sequenceNumber: UInt32) throws {
        let start = destination.readerIndex
        let length = destination.getBytes(at: start, length: 4)!
        let plaintext = destination.getBytes(at: start + 4, length: destination.readableBytes - 4)!
        let box = try AES.GCM.seal(plaintext, using: outboundKey, nonce: AES.GCM.Nonce(data: outboundNonce), authenticating: length)
        destination.setBytes(box.ciphertext, at: start + 4)
        destination.writeBytes(box.tag)
        outboundNonce = Self.incremented(outboundNonce)
    }
}

/// `aes128-gcm@openssh.com`.
final class AES128GCMTransportProtection: AESGCMTransportProtection {
    override class var cipherName: String { "aes128-gcm@openssh.com" }
    override class var keySizes: ExpectedKeySizes { ExpectedKeySizes(ivSize: 12, encryptionKeySize: 16, macKeySize: 16) }
}
