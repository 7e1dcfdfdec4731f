// HTTP dates: formatting, the three accepted forms, and the calendar arithmetic behind them.
@testable import HTTP
import Testing

@Suite("HTTP dates")
struct HTTPDateTests {
    @Test("IMF-fixdate formatting", arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784111777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951782400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
    ])
    func formatsIMFFixdate(seconds: Int64, text: String) {
        #expect(HTTPDate.format(unixSeconds: seconds) == text)
    }

    @Test("The three date forms parse to the same instant", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func parsesAllThreeForms(text: String) {
        #expect(HTTPDate.parse(text) == 784111777)
    }

    @Test("Malformed dates are rejected", arguments: [
        "", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT",
    ])
    func rejectsMalformedDates(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test("Formatting then parsing gives the same second, across four centuries")
    func roundTrips() {
        var seconds: Int64 = -2_208_988_800      // 1900-01-01
        while seconds < 10_000_000_000 {         // year 2286
            #expect(HTTPDate.parse(HTTPDate.format(unixSeconds: seconds)) == seconds)
            seconds += 7_777_777
        }
    }

    @Test("Day numbers and civil dates are inverse, leap days included")
    func civilArithmetic() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, d) = HTTPDate.civil(fromDays: days)
            #expect(HTTPDate.days(fromYear: y, month: m, day: d) == days)
        }
        #expect(HTTPDate.civil(fromDays: HTTPDate.days(fromYear: 2024, month: 2, day: 29)) == (2024, 2, 29))
        #expect(HTTPDate.days(fromYear: 2000, month: 3, day: 1) - HTTPDate.days(fromYear: 2000, month: 2, day: 28) == 2)
        #expect(HTTPDate.days(fromYear: 1900, month: 3, day: 1) - HTTPDate.days(fromYear: 1900, month: 2, day: 28) == 1)
    }
}
