"""Application services: session flow, follow-ups, panels, reports. No UI imports."""
