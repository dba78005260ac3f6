#include "services/demo/holidays.h"

namespace sahayak::services::demo {

const std::vector<DemoHoliday>& DemoHolidays() {
  static const std::vector<DemoHoliday> kHolidays = {
      {"2026-01-14", "Makara Sankranti", "Karnataka"},
      {"2026-01-26", "Republic Day", "India"},
      {"2026-02-15", "Maha Shivaratri", "Karnataka"},
      {"2026-03-19", "Ugadi", "Karnataka"},
      {"2026-03-21", "Khutub-E-Ramzan (Id-ul-Fitr)", "Karnataka"},
      {"2026-03-31", "Mahaveera Jayanthi", "Karnataka"},
      {"2026-04-03", "Good Friday", "Karnataka"},
      {"2026-04-14", "Dr. B. R. Ambedkar Jayanti", "Karnataka"},
      {"2026-04-20", "Basava Jayanti and Akshaya Tritiya", "Karnataka"},
      {"2026-05-01", "May Day", "Karnataka"},
      {"2026-05-28", "Bakrid (Id-ul-Adha)", "Karnataka"},
      {"2026-06-26", "Last day of Muharram", "Karnataka"},
      {"2026-08-15", "Independence Day", "India"},
      {"2026-08-26", "Eid-Milad", "Karnataka"},
      {"2026-09-14", "Varasiddhi Vinayaka Vrata", "Karnataka"},
      {"2026-10-02", "Gandhi Jayanti", "India"},
      {"2026-10-20", "Mahanavami and Ayudha Puja", "Karnataka"},
      {"2026-10-21", "Vijayadashami", "Karnataka"},
      {"2026-11-01", "Kannada Rajyotsava", "Karnataka"},
      {"2026-11-10", "Balipadyami, Deepavali", "Karnataka"},
      {"2026-11-27", "Kanakadasa Jayanti", "Karnataka"},
      {"2026-12-25", "Christmas", "Karnataka"},
      {"2027-01-26", "Republic Day", "India"},
      {"2027-03-26", "Good Friday", "Karnataka"},
      {"2027-04-14", "Dr. B. R. Ambedkar Jayanti", "Karnataka"},
      {"2027-05-01", "May Day", "Karnataka"},
      {"2027-08-15", "Independence Day", "India"},
      {"2027-10-02", "Gandhi Jayanti", "India"},
      {"2027-11-01", "Kannada Rajyotsava", "Karnataka"},
      {"2027-12-25", "Christmas", "Karnataka"},
  };
  return kHolidays;
}

}  // namespace sahayak::services::demo
