package domain

import "time"

// The notices of volunteer shifts.
var (
	// NoticeShiftReminder reminds a volunteer of a shift they are on
	// (ShiftMeeting), the day before, with a button to their shifts.
	NoticeShiftReminder = DeclareNotice("shifts.reminder", ClassReminder)
	// NoticeShiftAlert tells a volunteer or a coordinator that a shift
	// still lacks people (StaffingAlertValues), with a button to take it
	// when they may; it goes out days before the shift.
	NoticeShiftAlert = DeclareNotice("shifts.alert", ClassNotice)
	// NoticeShiftCover offers a place freed by a late withdrawal
	// (ShiftMeeting) to a volunteer who may take it, with a button to take it.
	NoticeShiftCover = DeclareNotice("shifts.cover", ClassNotice)
	// NoticeShiftWithdrawn tells a coordinator who withdrew late from which
	// shift and how many places are now free (WithdrawalValues).
	NoticeShiftWithdrawn = DeclareNotice("shifts.withdrawn", ClassNotice)
	// NoticeShiftAdded tells a volunteer a coordinator put them on a shift
	// (ShiftMeeting), with a button to their shifts.
	NoticeShiftAdded = DeclareNotice("shifts.added", ClassNotice)
	// NoticeShiftRemoved tells a volunteer they are no longer on a shift
	// (ShiftMeeting): a coordinator took them off, or archived the shift.
	NoticeShiftRemoved = DeclareNotice("shifts.removed", ClassNotice)
	// NoticeCertificateExpiring tells a coordinator that a volunteer's child
	// protection certificate runs out within 30 days (CertificateValues).
	NoticeCertificateExpiring = DeclareNotice("shifts.certificate_expiring", ClassNotice)
	// NoticeCertificateRecorded tells a volunteer until when a coordinator
	// recorded their certificate as valid (CertificateValues, without Name).
	NoticeCertificateRecorded = DeclareNotice("shifts.certificate_recorded", ClassNotice)
)

// ShiftMeeting is what a notice shows of one shift on one meeting: the
// role, the activity (title and place) or the shift's own place, when, and
// how many places were free when it was decided. It holds nobody's name.
type ShiftMeeting struct {
	Shift    Shift
	Activity *Activity `json:",omitempty"` // nil for a standalone shift
	Slot     time.Time // names the meeting (for its buttons)
	Start    time.Time
	End      time.Time
	Free     int
}

// Meeting is what a notice shows of sl.
func (s ShiftSlot) Meeting() ShiftMeeting {
	return ShiftMeeting{Shift: s.Shift, Activity: s.Activity, Slot: s.Slot, Start: s.Start, End: s.End, Free: s.Free()}
}

// StaffingAlertValues is what NoticeShiftAlert shows; CanTake: the
// recipient may take the place (a ✋ button).
type StaffingAlertValues struct {
	Meeting ShiftMeeting
	CanTake bool
}

// WithdrawalValues is what NoticeShiftWithdrawn shows: who withdrew, and
// why if they said.
type WithdrawalValues struct {
	Meeting ShiftMeeting
	Name    string
	Reason  string `json:",omitempty"`
}

// CertificateValues is what the certificate notices show: whose (for the
// coordinators) and its last valid day (midnight UTC of that date).
type CertificateValues struct {
	Name       string `json:",omitempty"`
	ValidUntil time.Time
}
