import HetaoBundled
import HetaoData
import HetaoDomain
import Testing

/// Chinese names as their bodies write them: each `name_zh` begins with the official name, and
/// the mainland or shortened forms that crept in before are gone from every Chinese field.
@Suite struct OfficialNamesTests {
    let programme = try! BundledDataset.load()

    static let parks = ["hetao": "河套香港園區", "science-park": "香港科學園", "cyberport": "數碼港"]
    static let institutions = [
        "hkpc": "香港生產力促進局", "astri": "香港應用科技研究院", "nami": "納米及先進材料研發院",
        "microelectronics-institute": "香港微電子研發院", "life-health-institutes": "生命健康研發院",
        "ai-institute": "香港人工智能研發院", "innohk": "InnoHK創新香港研發平台", "apas": "香港汽車科技研發中心",
        "hkrita": "香港紡織及成衣研發中心", "lscm": "物流及供應鏈多元技術研發中心", "sic-gan-pilot-line": "第三代半導體中試線",
    ]
    static let allocations = ["funding-scheme": "「設立生命健康研發院資助計劃」", "innohk": "InnoHK創新香港研發平台",
                              "ai-institute": "香港人工智能研發院", "microelectronics": "香港微電子研發院"]
    /// Forms that are not the official ones: mainland characters, shortened or wrong names.
    static let wrongForms = ["碳化硅", "生命健康研究院", "納米材料研發院", "應科院", "生產力局（併入", "研究院計劃"]

    @Test func everyNameBeginsWithTheOfficialOne() {
        for park in programme.parks {
            #expect(park.nameZH == Self.parks[park.id], "\(park.id)")
        }
        #expect(programme.parks.first { $0.id == "hetao" }?.fullNameZH == "河套深港科技創新合作區香港園區")
        for institution in programme.institutions {
            let official = Self.institutions[institution.id]
            #expect(official != nil, "\(institution.id) has no official name in the table")
            #expect(institution.chinese["name"]?.hasPrefix(official ?? "?") == true, "\(institution.id)")
        }
        for node in programme.allAllocations {
            guard let official = Self.allocations[node.allocation.id] else { continue }
            #expect(node.allocation.chinese["name"] == official, "\(node.allocation.id)")
        }
    }

    @Test func sanTinTechnopoleIsNamedInChinese() {
        #expect(programme.parks.first { $0.id == "hetao" }?.chinese["location"]?.contains("新田科技城") == true)
    }

    @Test func noWrongFormIsLeftInAnyChineseField() {
        for wrong in Self.wrongForms {
            #expect(!BundledYAML.text.contains(wrong), "\(wrong)")
        }
    }
}
