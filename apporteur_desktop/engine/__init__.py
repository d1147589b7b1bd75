"""The commission engine: pure functions over domain values. No I/O, no clock, no ORM, no Qt."""
