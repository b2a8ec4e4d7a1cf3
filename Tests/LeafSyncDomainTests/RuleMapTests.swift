import Foundation
import Testing

@testable import LeafSyncDomain

/// Keeps `docs/rules.md` honest: every rule id of the spec maps to tests that exist and name it.
@Suite("Rule coverage map")
struct RuleMapTests {
    /// Rule ids of `../shared/spec/rules.md` (list items `- R-XXX-NN`), else of the committed copy `docs/spec-rule-ids.txt`.
    static func specRuleIDs() throws -> [String] {
        let spec = Paths.repoRoot.appendingPathComponent("../shared/spec/rules.md").standardizedFileURL
        if let text = try? String(contentsOf: spec, encoding: .utf8) {
            return text.split(separator: "\n").compactMap { line -> String? in
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("- R-") else { return nil }
                return t.dropFirst(2).split(separator: " ").first.map(String.init)
            }
        }
        let copy = try String(contentsOf: Paths.repoRoot.appendingPathComponent("docs/spec-rule-ids.txt"), encoding: .utf8)
        return copy.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("R-") }
    }

    /// `| R-XXX-NN | test; test |` rows of docs/rules.md.
    static func map() throws -> [String: [String]] {
        let text = try String(contentsOf: Paths.repoRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        var out: [String: [String]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| R-") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            out[cells[0], default: []] += cells[1].components(separatedBy: " ¦ ").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
        }
        return out
    }

    /// The names of every `@Test("…")` in every test target (the reducer's own tests, and the
    /// end-to-end ones that check a rule against the simulators).
    static func testNames() throws -> Set<String> {
        let dir = Paths.repoRoot.appendingPathComponent("Tests").resolvingSymlinksInPath()
        var names: Set<String> = []
        for case let file as String in FileManager.default.enumerator(atPath: dir.path)! where file.hasSuffix(".swift") {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            for part in text.components(separatedBy: "@Test(\"").dropFirst() {
                if let end = part.range(of: "\")") { names.insert(String(part[..<end.lowerBound])) }
            }
        }
        return names
    }

    @Test("every rule id of the spec is mapped in docs/rules.md to existing tests that name it")
    func everyRuleHasATest() throws {
        let ids = try Self.specRuleIDs()
        #expect(ids.count >= 60, "the spec's rule list was not found")
        let map = try Self.map()
        let names = try Self.testNames()
        for id in ids {
            let tests = map[id] ?? []
            #expect(!tests.isEmpty, "\(id) has no test in docs/rules.md")
            for test in tests {
                #expect(test.contains(id), "docs/rules.md maps \(id) to \"\(test)\", whose name does not contain the id")
                #expect(names.contains(test), "docs/rules.md maps \(id) to \"\(test)\", which is not a test")
            }
        }
        // And every id a test names is a real rule (no typos in test names).
        let known = Set(ids)
        for name in names {
            for word in name.split(separator: " ") where word.hasPrefix("R-") && word.count == 8 {
                #expect(known.contains(String(word)), "test \"\(name)\" names unknown rule \(word)")
            }
        }
    }

    @Test("the committed copy of the spec's rule ids matches the spec when the spec is present")
    func copyIsCurrent() throws {
        let spec = Paths.repoRoot.appendingPathComponent("../shared/spec/rules.md").standardizedFileURL
        guard FileManager.default.fileExists(atPath: spec.path) else { return }
        let copy = try String(contentsOf: Paths.repoRoot.appendingPathComponent("docs/spec-rule-ids.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { $0.hasPrefix("R-") }
        #expect(copy == (try Self.specRuleIDs()))
    }
}
