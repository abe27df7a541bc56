"""Job functions, the minimum digital level they require, and each person's gap."""
