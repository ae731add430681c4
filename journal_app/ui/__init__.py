"""The desktop app. The only part of Tend that imports Qt."""
