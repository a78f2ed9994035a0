// Package chattest is for tests only: it builds what a feature's handler
// tests share, so each feature's tests read as their cases. Env is a
// chat.Env on a real SQLite file and the real catalogue at a fixed time;
// Register stores a member; Press and Typed are the requests of a pressed
// button and of typed text; Check reads a reply's texts and its answer to
// the press; Screen and Golden keep rendered messages in golden files
// (refreshed with go test ./bot/... -run Golden -update, the -update flag
// being defined here once for every test binary that imports chattest).
//
// No production package may import it: it defines a command-line flag.
package chattest
