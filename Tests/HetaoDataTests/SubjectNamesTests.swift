import HetaoBundled
import HetaoData
import HetaoDomain
import Testing

/// What is read off the screen can be typed back: ids and labels, in any case.
@Suite struct SubjectNamesTests {
    let programme = try! BundledDataset.load()

    @Test func aBuildingIsNamedByItsIdOrItsLabelInAnyCase() {
        for name in ["B1-A", "b1-a", "Site A", "site a", "SITE-A", "site_a", "  Site A "] {
            #expect(programme.id(named: name) == "B1-A", "\(name)")
        }
        #expect(programme.id(named: "8") == "B8")
        #expect(programme.id(named: "Building 8") == "B8")
        #expect(programme.id(named: "b11") == "B11")
        #expect(programme.id(named: "opening") == "opening")
        #expect(programme.id(named: "Site Z") == nil)
    }

    @Test func completionOffersIdsAndLabelsAsOneWordEach() {
        let words = programme.subjectWords
        #expect(words.contains("B1-A") && words.contains("site-a") && words.contains("phase-1-earmark"))
        #expect(!words.contains("Site A") && Set(words).count == words.count)
    }

    @Test func aMistakeIsAnsweredWithTheNameTheScreenShowsAndItsId() {
        #expect(programme.suggestion(for: "Site AA", among: programme.buildings.map(\.id)) == "Site A (B1-A)")
        #expect(programme.suggestion(for: "B1-AA", among: programme.buildings.map(\.id)) == "Site A (B1-A)")
        #expect(programme.suggestion(for: "openin", among: programme.milestones.map(\.id)) == "opening")
        #expect(programme.suggestion(for: "nothing like it", among: programme.buildings.map(\.id)) == nil)
    }
}
