// The middleware arrives with the footer issue; the package exists from the start so its public API is tracked.
[assembly: System.CLSCompliant(false)]
