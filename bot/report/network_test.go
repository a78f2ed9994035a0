package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vejviser/storage/domain"
)

func sampleNetwork() *domain.NetworkFigures {
	return &domain.NetworkFigures{Referrals: 4, Waiting: 2, MedianWaitDays: 34.25, Proposed: 5, Accepted: 3, Declined: 1, Lapsed: 1, Active: 2,
		Checkins: 8, Met: 6, Months: []domain.NetworkMonth{
			{Month: "2027-01", Started: 2, Ended: map[string]int{}},
			{Month: "2027-02", Started: 1, Ended: map[string]int{"goal": 1, domain.EndConsent: 1, domain.EndForgotten: 1}},
		}}
}

func TestNetworkTableInText(t *testing.T) {
	rep := sample(t, "da")
	rep.Network = sampleNetwork()
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"Netværksfamilier", "Henvisninger modtaget  4", "Ventetid nu, median (dage)  34,3", "Heraf 'vi har mødtes' (%)  75",
		"01-2027  Kontakter startet  2", "02-2027  Kontakter afsluttet: Målet er nået  1",
		"02-2027  Kontakter afsluttet: samtykke trukket tilbage eller data slettet  2"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
}

func TestNetworkTableInCSVAndXLSX(t *testing.T) {
	rep := sample(t, "en")
	rep.Network = sampleNetwork()
	rows := readCSV(t, rep, TableNetwork)
	if len(rows) != 15 || rows[0][1] != "What" || rows[1][1] != "Referrals received" || rows[1][2] != "4" || rows[11][0] != "2027-01" {
		t.Errorf("csv %q", rows)
	}
	var b bytes.Buffer
	if err := rep.WriteXLSX(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.GetRows("Network families")
	if err != nil || len(got) != 15 || got[3][2] != "34.3" {
		t.Errorf("sheet %q %v", got, err)
	}
}
