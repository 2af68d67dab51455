"""The Planning tab's parts."""
