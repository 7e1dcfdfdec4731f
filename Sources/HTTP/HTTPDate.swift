// HTTP dates: `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), always in UTC.
// Servers must send IMF-fixdate and must accept two obsolete forms still seen in the wild:
// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and C's asctime (`Sun Nov  6 08:49:37 1994`).
// The calendar arithmetic is Howard Hinnant's days-from-civil algorithm: shift the year to
// start in March so the leap day falls at the end, then count 400-year eras of 146097 days.

public enum HTTPDate {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let longWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate for a time in seconds since 1970-01-01 00:00:00 UTC.
    public static func format(unixSeconds: Int64) -> String {
        let days = floorDiv(unixSeconds, 86400)
        let secondOfDay = unixSeconds - days * 86400
        let (year, month, day) = civil(fromDays: days)
        let weekday = Int(floorMod(days + 4, 7))          // 1970-01-01 was a Thursday
        return "\(weekdays[weekday]), \(pad(day, 2)) \(months[month - 1]) \(pad(year, 4)) "
            + "\(pad(Int(secondOfDay / 3600), 2)):\(pad(Int(secondOfDay / 60 % 60), 2)):\(pad(Int(secondOfDay % 60), 2)) GMT"
    }

    /// Seconds since the epoch for a date in any of the three forms, or nil if it is not one.
    public static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ").map(String.init)
        var year = 0, month = 0, day = 0
        let time: String
        if parts.count == 6, parts[5] == "GMT", weekdays.contains(String(parts[0].dropLast())),
           parts[0].hasSuffix(","), parts[1].utf8.count == 2, parts[3].utf8.count == 4 {
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            guard let d = number(parts[1]), let m = monthNumber(parts[2]), let y = number(parts[3]) else { return nil }
            (year, month, day, time) = (y, m, d, parts[4])
        } else if parts.count == 4, parts[3] == "GMT", parts[0].hasSuffix(","),
                  longWeekdays.contains(String(parts[0].dropLast())) {
            // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let fields = parts[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields[0].utf8.count == 2, fields[2].utf8.count == 2,
                  let d = number(fields[0]), let m = monthNumber(fields[1]), let yy = number(fields[2])
            else { return nil }
            // Two-digit years: RFC 9110 §5.6.7 says a year more than 50 years in the future is
            // in the past; with no clock here, 70–99 is 19xx and 00–69 is 20xx.
            (year, month, day, time) = (yy >= 70 ? 1900 + yy : 2000 + yy, m, d, parts[2])
        } else if parts.count == 5, weekdays.contains(parts[0]), parts[4].utf8.count == 4 {
            // asctime: Sun Nov  6 08:49:37 1994
            guard let m = monthNumber(parts[1]), let d = number(parts[2]), parts[2].utf8.count <= 2,
                  let y = number(parts[4]) else { return nil }
            (year, month, day, time) = (y, m, d, parts[3])
        } else {
            return nil
        }
        let clock = time.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard clock.count == 3, clock.allSatisfy({ $0.utf8.count == 2 }),
              let hour = number(clock[0]), let minute = number(clock[1]), let second = number(clock[2]),
              hour < 24, minute < 60, second < 61,
              day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return days(fromYear: year, month: month, day: day) * 86400
            + Int64(hour * 3600 + minute * 60 + min(second, 59))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromYear year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400                                      // [0, 399]
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The date of a day number (inverse of `days(fromYear:month:day:)`).
    static func civil(fromDays z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = floorDiv(z, 146097)
        let dayOfEra = z - era * 146097                                    // [0, 146096]
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func monthNumber(_ name: String) -> Int? {
        months.firstIndex(of: name).map { $0 + 1 }
    }

    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 4 else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        a - floorDiv(a, b) * b
    }
}
