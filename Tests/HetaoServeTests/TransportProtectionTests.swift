import Crypto
import HetaoAudit
import HetaoDomain
@testable import HetaoServe
import NIOCore
import NIOSSH
import Testing

/// The ciphers hetao carries: what one side seals the other opens, a changed byte is refused,
/// and messages swift-nio-ssh cannot parse are reshaped into ones it refuses politely.
@Suite struct TransportProtectionTests {
    /// Two ends of one connection: what one sends out, the other takes in.
    private func pair(_ type: NIOSSHTransportProtection.Type) throws -> (NIOSSHTransportProtection, NIOSSHTransportProtection) {
        let sizes = type.keySizes
        func key(_ bytes: Int, _ seed: UInt8) -> SymmetricKey { SymmetricKey(data: (0..<bytes).map { UInt8($0) &+ seed }) }
        let ivA = (0..<sizes.ivSize).map { UInt8($0) &* 3 }, ivB = (0..<sizes.ivSize).map { UInt8($0) &* 5 &+ 250 }
        let a = NIOSSHSessionKeys(initialInboundIV: ivA, initialOutboundIV: ivB,
                                  inboundEncryptionKey: key(sizes.encryptionKeySize, 1), outboundEncryptionKey: key(sizes.encryptionKeySize, 2),
                                  inboundMACKey: key(sizes.macKeySize, 3), outboundMACKey: key(sizes.macKeySize, 4))
        let b = NIOSSHSessionKeys(initialInboundIV: ivB, initialOutboundIV: ivA,
                                  inboundEncryptionKey: key(sizes.encryptionKeySize, 2), outboundEncryptionKey: key(sizes.encryptionKeySize, 1),
                                  inboundMACKey: key(sizes.macKeySize, 4), outboundMACKey: key(sizes.macKeySize, 3))
        return (try type.init(initialKeys: a), try type.init(initialKeys: b))
    }

    /// A packet as the transport frames it: length, padding length, payload, padding.
    private func packet(_ payload: [UInt8], for protection: NIOSSHTransportProtection) -> ByteBuffer {
        let block = type(of: protection).cipherBlockSize
        let framed = payload.count + 1 + (protection.lengthEncrypted ? 4 : 0)
        let padding = (block - framed % block) % block + block
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(payload.count + 1 + padding))
        buffer.writeInteger(UInt8(padding))
        buffer.writeBytes(payload)
        buffer.writeBytes([UInt8](repeating: 0x5A, count: padding))
        return buffer
    }

    private func received(_ sent: ByteBuffer, by protection: NIOSSHTransportProtection, sequence: UInt32) throws -> [UInt8] {
        var incoming = sent
        try protection.decryptFirstBlock(&incoming)
        var opened = try protection.decryptAndVerifyRemainingPacket(&incoming, sequenceNumber: sequence)
        #expect(incoming.readableBytes == 0)
        return opened.readBytes(length: opened.readableBytes) ?? []
    }

    static var schemes: [NIOSSHTransportProtection.Type] { [
        AESGCMTransportProtection.self, AES128GCMTransportProtection.self, AES256CTRTransportProtection.self, AESCTRTransportProtection.self,
    ] }

    @Test(arguments: [0, 1, 2, 3]) func whatOneEndSealsTheOtherOpensPacketAfterPacket(scheme: Int) throws {
        let (client, server) = try pair(Self.schemes[scheme])
        for (sequence, length) in [1, 15, 16, 17, 300, 32_768].enumerated() {
            let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 94) }
            var sealed = packet(payload, for: client)
            let clear = sealed.readableBytesView.map { $0 }
            try client.encryptPacket(&sealed, sequenceNumber: UInt32(sequence))
            #expect(sealed.readableBytes == clear.count + client.macBytes)
            #expect(Array(sealed.readableBytesView.dropFirst(4).prefix(16)) != Array(clear.dropFirst(4).prefix(16)))
            #expect(try received(sealed, by: server, sequence: UInt32(sequence)) == PacketRepair.repaired(payload))
        }
    }

    @Test(arguments: [0, 1, 2, 3]) func aChangedByteOrAReplayedPacketIsRefused(scheme: Int) throws {
        let (client, server) = try pair(Self.schemes[scheme])
        var sealed = packet(Array("hello".utf8), for: client)
        try client.encryptPacket(&sealed, sequenceNumber: 0)
        var tampered = sealed
        tampered.setInteger(tampered.getInteger(at: 20, as: UInt8.self)! ^ 1, at: 20)
        #expect(throws: PacketError.self) { try received(tampered, by: server, sequence: 0) }
        let (_, fresh) = try pair(Self.schemes[scheme])
        #expect(try received(sealed, by: fresh, sequence: 0) == Array("hello".utf8))
        // The same packet again: the counter or nonce has moved on.
        #expect(throws: PacketError.self) { try received(sealed, by: fresh, sequence: 1) }
    }

    private func string(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return [0, 0, UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
    }

    @Test func anUnknownChannelRequestBecomesARefusableSubsystemRequest() {
        let x11 = [98, 0, 0, 0, 7] + string("x11-req") + [1] + [0] + string("MIT-MAGIC-COOKIE-1") + string("abcd") + [0, 0, 0, 0]
        #expect(PacketRepair.repaired(x11) == [98, 0, 0, 0, 7] + string("subsystem") + [1] + string("x11-req (request)"))
        let exec = [98, 0, 0, 0, 7] + string("exec") + [1] + string("whoami")
        #expect(PacketRepair.repaired(exec) == exec)
    }

    @Test func anUnknownMethodBecomesAPasswordNoOneCanType() {
        let attempt = [50] + string("alice") + string("ssh-connection") + string("keyboard-interactive") + string("") + string("")
        #expect(PacketRepair.repaired(attempt)
            == [50] + string("alice") + string("ssh-connection") + string("password") + [0] + string("\u{0}keyboard-interactive"))
        let key = [50] + string("alice") + string("ssh-connection") + string("publickey") + [0] + string("ssh-ed25519")
        #expect(PacketRepair.repaired(key) == key)
        // A message too short to read passes through for swift-nio-ssh to refuse.
        #expect(PacketRepair.repaired([50, 0, 0]) == [50, 0, 0])
    }
}
