"""The pure conversation core: commands, understanding, state, wording. No I/O, no clock."""
