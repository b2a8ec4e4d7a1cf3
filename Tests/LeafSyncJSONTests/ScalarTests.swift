import Foundation
import LeafSyncJSON
import Testing

@Suite("ISO-8601 and decimal scalars")
struct ScalarTests {
    @Test("datetimes in the LeafLink, Distru and CLI forms parse to the same instant; garbage does not")
    func datetimes() {
        let instant = ISO8601Text.microseconds("2020-06-10T21:15:03.776119Z")
        #expect(instant == 1_591_823_703_776_119)
        for text in [
            "2020-06-10T15:15:03.776119-06:00", "2020-06-10T21:15:03.776119+00:00", "2020-06-10 21:15:03.776119",
            "2020-06-10T23:15:03.776119+0200", "2020-06-10T21:15:03.7761199Z",
        ] {
            #expect(ISO8601Text.microseconds(text) == instant, "\(text)")
        }
        #expect(ISO8601Text.microseconds("2026-11-20") == ISO8601Text.microseconds("2026-11-20T00:00:00Z"))
        #expect(ISO8601Text.microseconds("2026-11-24 15:00") == ISO8601Text.microseconds("2026-11-24T15:00:00.000Z"))
        for text in ["", "2026-13-01", "2026-11-20T25:00:00Z", "2026-11-20T10:00:00Q", "2026-11-20T10:00:00.Z", "20261120", "2026-11-20T"] {
            #expect(ISO8601Text.microseconds(text) == nil, "\(text)")
        }
    }

    @Test("datetimes format with microseconds in UTC, before 1970 too")
    func formatting() {
        #expect(ISO8601Text.format(microseconds: 1_591_823_703_776_119) == "2020-06-10T21:15:03.776119Z")
        #expect(ISO8601Text.format(microseconds: 1_591_823_703_776_119, utc: .offset) == "2020-06-10T21:15:03.776119+00:00")
        #expect(ISO8601Text.format(microseconds: -1) == "1969-12-31T23:59:59.999999Z")
        #expect(ISO8601Text.date(microseconds: -1) == "1969-12-31" && ISO8601Text.date(microseconds: 0) == "1970-01-01")
        for micros: Int64 in [0, 1, -86_400_000_001, 4_102_444_800_000_000, 1_795_533_780_123_456] {
            #expect(ISO8601Text.microseconds(ISO8601Text.format(microseconds: micros)) == micros, "\(micros)")
        }
    }

    @Test("decimal text parses exactly and rounds by the rule asked for (R-PRC-02)")
    func decimals() {
        #expect(DecimalText.parse("12abc") == nil && DecimalText.parse("1.2.3") == nil && DecimalText.parse("-4.000000") == -4)
        #expect(
            DecimalText.parse(" 24.0000 ") == 24 && DecimalText.parse("1e3") == 1000 && DecimalText.parse("+5") == 5
                && DecimalText.parse("") == nil)
        #expect(
            DecimalText.fixed(Decimal(string: "2.675")!, places: 2) == "2.68"
                && DecimalText.fixed(Decimal(string: "2.665")!, places: 2, rule: .bankers) == "2.66")
        #expect(DecimalText.fixed(24, places: 4) == "24.0000" && DecimalText.fixed(Decimal(string: "-0.001")!, places: 2) == "0.00")
        #expect(
            DecimalText.from(.number("0.1")) == Decimal(string: "0.1") && DecimalText.from(.string("x")) == nil
                && DecimalText.from(nil) == nil)
    }
}
